import { CountedEndpoint } from './usage.constants';

/** One counted call, emitted after its response; queued in batches (`record-calls` jobs) with Redis. */
export interface UsageEvent {
  /** Unique per call; the call log's unique key, so a re-delivered event counts once. */
  eventId: string;
  requestId: string;
  accountId: number;
  keyId: number;
  endpoint: CountedEndpoint;
  statusCode: number;
  success: boolean;
  errorCode: string | null;
  latencyMs: number;
  /** ISO time of the call. */
  time: string;
}
