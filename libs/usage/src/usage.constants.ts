/** Queue and job names of the usage pipeline: the only place they are spelled. */
export const USAGE_QUEUE = 'usage';
export const RECORD_CALL_JOB = 'record-call';
export const PRUNE_CALL_LOG_JOB = 'prune-call-log';

/** The routes whose calls are counted, limited and logged. */
export const COUNTED_ENDPOINTS = ['enroll', 'verify', 'match', 'login_attempt'] as const;
export type CountedEndpoint = (typeof COUNTED_ENDPOINTS)[number];
