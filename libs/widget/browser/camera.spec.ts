import { cameraError } from './camera';

describe('cameraError', () => {
  it('maps a refusal to CAMERA_DENIED and a missing or busy camera to NO_CAMERA', () => {
    expect(cameraError({ name: 'NotAllowedError' }).code).toBe('CAMERA_DENIED');
    expect(cameraError({ name: 'SecurityError' }).code).toBe('CAMERA_DENIED');
    expect(cameraError({ name: 'NotFoundError' }).code).toBe('NO_CAMERA');
    expect(cameraError({ name: 'NotReadableError' }).code).toBe('NO_CAMERA');
  });
});
