import { canOpen, isSecretKey, parseSession } from './config';

describe('isSecretKey', () => {
  it('tells secret keys (fa_...) from publishable ones (fa_pub_...)', () => {
    expect(isSecretKey('fa_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG')).toBe(true);
    expect(isSecretKey('fa_pub_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG')).toBe(false);
  });
});

describe('parseSession', () => {
  it('splits "<session_id>:<client_secret>" and refuses other shapes', () => {
    expect(parseSession('ls_abc:lss_def')).toEqual({ session_id: 'ls_abc', client_secret: 'lss_def' });
    expect(parseSession('ls_abc')).toBeNull();
    expect(parseSession('ls_abc:')).toBeNull();
    expect(parseSession('a:b:c')).toBeNull();
  });
});

describe('canOpen', () => {
  it('runs a given session with or without a key, and a user id only with a publishable key', () => {
    expect(canOpen({ session: 'ls_a:lss_b' }, null)).toBe(true);
    expect(canOpen({ userId: 'ada' }, 'fa_pub_x')).toBe(true);
    expect(canOpen({ userId: 'ada' }, null)).toBe(false);
    expect(canOpen({}, 'fa_pub_x')).toBe(false);
  });
});
