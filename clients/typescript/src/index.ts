export * from './client';
export { FaceAuthError, type ApiErrorCode, type FaceAuthErrorCode } from './errors';
export type { ImageInput } from './images';
export type { components, operations, paths } from './schema';
