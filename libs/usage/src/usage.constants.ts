/** Queue and job names of the usage pipeline: the only place they are spelled. */
export const USAGE_QUEUE = 'usage';
/** One job per batch of usage events (what the buffer handed over at once). */
export const RECORD_CALLS_JOB = 'record-calls';
/** One event per job: what versions before batching queued; still processed, so an upgrade loses none. */
export const RECORD_CALL_JOB = 'record-call';
export const PRUNE_CALL_LOG_JOB = 'prune-call-log';

/** The routes whose calls are counted, limited and logged. */
export const COUNTED_ENDPOINTS = ['enroll', 'verify', 'match', 'login_attempt'] as const;
export type CountedEndpoint = (typeof COUNTED_ENDPOINTS)[number];
