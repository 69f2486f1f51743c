import { Logger } from '@nestjs/common';
import { AppConfig } from '@faceauth/config';
import { usageEventBound } from './usage-event-bound';

describe(usageEventBound.name, () => {
  it('bounds the buffer by usage.bufferMax and logs a drop as one warning with the count and the call-time range only', () => {
    const logger = { warn: jest.fn() } as unknown as Logger;
    const bound = usageEventBound({ usage: { bufferMax: 123 } } as AppConfig, logger);
    expect(bound.max).toBe(123);
    expect(bound.timeOf({ time: '2031-06-10T15:00:00.000Z' } as any)).toBe(Date.UTC(2031, 5, 10, 15));
    bound.onDrop({ dropped: 7, from: new Date('2031-06-10T15:00:00Z'), to: new Date('2031-06-10T15:05:00Z') });
    expect(logger.warn).toHaveBeenCalledTimes(1);
    expect((logger.warn as jest.Mock).mock.calls[0]).toEqual([
      { msg: expect.stringContaining('dropped'), dropped: 7, from: '2031-06-10T15:00:00.000Z', to: '2031-06-10T15:05:00.000Z', max: 123 },
    ]);
  });
});
