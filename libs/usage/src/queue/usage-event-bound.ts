import { Logger } from '@nestjs/common';
import { AppConfig } from '@faceauth/config';
import { UsageEvent } from '../usage-event';
import { EventBufferOptions } from './event-buffer';

/**
 * The bound of a buffer of usage events (`usage.bufferMax`). Dropped events are calls that will never be
 * counted: the warning gives how many and the span of their call times, never their content (keys, ids).
 */
export function usageEventBound(config: AppConfig, logger: Logger): Pick<EventBufferOptions<UsageEvent>, 'max' | 'timeOf' | 'onDrop'> {
  const max = config.usage.bufferMax;
  return {
    max,
    timeOf: (event) => Date.parse(event.time),
    onDrop: ({ dropped, from, to }) =>
      logger.warn({ msg: 'usage event buffer full: oldest events dropped, their calls are not counted', dropped, from: from.toISOString(), to: to.toISOString(), max }),
  };
}
