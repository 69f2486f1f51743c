// The prefix is shared with other features' counters (registration limit): it lives in the config lib.
export { redisPrefix } from '@faceauth/config';
