import { Writable } from 'node:stream';
import { Store, storage } from 'nestjs-pino/storage';
import { createRootLogger } from './app-logger';
import { currentRequestId, outsideRequest, REQUEST_ID_FIELD } from './request-context';

describe('request context of log lines', () => {
  const lines: Record<string, unknown>[] = [];
  const root = createRootLogger('info', new Writable({ write: (chunk, _encoding, done) => (lines.push(JSON.parse(String(chunk))), done()) }));
  const inRequest = <T>(id: string, work: () => T) => storage.run(new Store(root.child({ [REQUEST_ID_FIELD]: id })), work);

  it('reads the id of the request the code runs for, and none outside a request', async () => {
    expect(currentRequestId()).toBeUndefined();
    await inRequest('req-42', async () => {
      await new Promise((resolve) => setImmediate(resolve));
      expect(currentRequestId()).toBe('req-42');
    });
  });

  it('writes through the root logger outside the request, so a line naming its own request id has it once', () => {
    inRequest('req-1', () => outsideRequest(() => (storage.getStore()?.logger ?? root).info({ [REQUEST_ID_FIELD]: 'req-2' }, 'worker line')));
    const raw = JSON.stringify(lines.pop());
    expect(raw.match(/"request_id"/g)).toHaveLength(1);
    expect(raw).toContain('"request_id":"req-2"');
  });
});
