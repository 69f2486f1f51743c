import { Writable } from 'node:stream';
import { createRootLogger } from './app-logger';

/** A root logger at info whose lines land in `lines`, parsed. */
function capture() {
  const lines: Record<string, any>[] = [];
  const logger = createRootLogger('info', new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
  return { logger, lines };
}

describe('createRootLogger', () => {
  it('redacts keys, client secrets, tokens, passwords and credential headers, at the top level and one object down', () => {
    const { logger, lines } = capture();
    logger.info({
      api_key: 'fa_top',
      client_secret: 'cs_top',
      token: 'eyJ.top',
      body: { apiKey: 'fa_nested', password: 'hunter2', secret: 's3' },
      headers: { authorization: 'Bearer fa_h', 'x-api-key': 'fa_x', cookie: 'sid=1' },
      req: { headers: { authorization: 'Bearer fa_r', 'x-api-key': 'fa_rx' } },
      res: { headers: { 'set-cookie': 'sid=2' } },
      user_id: 'sheldon',
    }, 'a line');
    const [line] = lines;
    expect(line).toMatchObject({
      level: 'info',
      msg: 'a line',
      api_key: '[redacted]',
      client_secret: '[redacted]',
      token: '[redacted]',
      body: { apiKey: '[redacted]', password: '[redacted]', secret: '[redacted]' },
      headers: { authorization: '[redacted]', 'x-api-key': '[redacted]', cookie: '[redacted]' },
      req: { headers: { authorization: '[redacted]', 'x-api-key': '[redacted]' } },
      res: { headers: { 'set-cookie': '[redacted]' } },
      user_id: 'sheldon',
    });
    expect(JSON.stringify(lines)).not.toMatch(/fa_top|cs_top|eyJ\.top|fa_nested|hunter2|fa_h|fa_x|sid=\d|fa_r/);
  });

  it('writes one JSON object per line with an ISO time and the level by name', () => {
    const { logger, lines } = capture();
    logger.warn({ context: 'Test' }, 'careful');
    expect(lines[0]).toEqual({ level: 'warn', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), pid: process.pid, hostname: expect.any(String), context: 'Test', msg: 'careful' });
  });
});
