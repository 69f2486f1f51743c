import { registerAccount, uniqueEmail } from '../factories/accounts';
import { startTestApp, TestApp } from '../support/test-app';

const HIDDEN: [string, string][] = [
  ['U+200B zero-width space', 'ad\u200Bmin'],
  ['U+200D zero-width joiner', 'Ra\u200Dhim'],
  ['U+200F right-to-left mark', 'Rahim\u200F'],
  ['U+202E right-to-left override', 'Rahim\u202Egpj.exe'],
  ['U+2066 left-to-right isolate', '\u2066Rahim'],
  ['U+2069 pop directional isolate', 'Rahim\u2069'],
];
const INVISIBLE: [string, string][] = [
  ['zero-width spaces only', '\u200B\u200B'],
  ['no-break and ideographic spaces only', '\u00A0\u3000'],
  ['a Hangul filler', '\u3164'],
  ['a combining mark alone', '\u0301'],
];

describe('names and emails are what they look like', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp();
    key = (await registerAccount(t.http)).apiKey;
  });
  afterAll(() => t.close());

  describe('POST /register name', () => {
    it.each([...HIDDEN, ...INVISIBLE])('answers a name with %s with 400 VALIDATION_ERROR', async (_label, name) => {
      const res = await t.http.post('/api/v1/register').send({ email: uniqueEmail(), name }).expect(400);
      expect(res.body).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', details: { fields: { name: expect.any(Array) } } } });
    });

    it('still accepts names in any script', async () => {
      for (const name of ['李小龍', 'محمد علي', 'José Ñúñez']) await t.http.post('/api/v1/register').send({ email: uniqueEmail(), name }).expect(201);
    });
  });

  describe('POST /enroll name', () => {
    it.each([...HIDDEN, ...INVISIBLE])('answers a name with %s with 400 VALIDATION_ERROR before reading the image', async (_label, name) => {
      const res = await t.http
        .post('/api/v1/enroll')
        .set('X-API-Key', key)
        .field('name', name)
        .attach('image', Buffer.from('not looked at'), 'face.jpg')
        .expect(400);
      expect(res.body).toMatchObject({ success: false, error: { code: 'VALIDATION_ERROR', details: { fields: { name: expect.any(Array) } } } });
    });
  });

  it('NFC-normalises emails before the uniqueness check: é precomposed then decomposed is 409 EMAIL_EXISTS', async () => {
    const local = `jos-${Date.now().toString(36)}`;
    const precomposed = `${local}\u00e9@example.com`;
    const decomposed = `${local}e\u0301@example.com`;
    const first = await t.http.post('/api/v1/register').send({ email: precomposed, name: 'José' }).expect(201);
    expect(first.body.user.email).toBe(precomposed);
    const second = await t.http.post('/api/v1/register').send({ email: decomposed.toUpperCase(), name: 'José again' }).expect(409);
    expect(second.body.error.code).toBe('EMAIL_EXISTS');
  });
});
