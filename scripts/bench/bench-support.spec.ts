import { hidePasswords, parseVariants } from './bench-support';

describe('parseVariants', () => {
  it('reads labels and NAME=value lists, a label alone being the defaults', () => {
    expect(parseVariants('a:X=1,Y=2;b:X=3;c')).toEqual([
      { label: 'a', env: { X: '1', Y: '2' } },
      { label: 'b', env: { X: '3' } },
      { label: 'c', env: {} },
    ]);
  });

  it('keeps URL values whole: they hold colons and may hold equals signs', () => {
    expect(parseVariants('production:DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable,REDIS_URL=redis://127.0.0.1:6379')).toEqual([
      { label: 'production', env: { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable', REDIS_URL: 'redis://127.0.0.1:6379' } },
    ]);
  });
});

describe('hidePasswords', () => {
  it("writes a URL's password as *** and leaves other strings alone", () => {
    const report = { env: { DATABASE_URL: 'postgres://app:s3cr%40t@db:5432/faceauth', REDIS_URL: 'redis://127.0.0.1:6379', NAME: 'a:b@c' } };
    expect(JSON.parse(JSON.stringify(report, hidePasswords))).toEqual({
      env: { DATABASE_URL: 'postgres://app:***@db:5432/faceauth', REDIS_URL: 'redis://127.0.0.1:6379', NAME: 'a:b@c' },
    });
  });
});
