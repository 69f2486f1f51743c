import { cameraError } from './camera';
import { wordsFor } from './i18n';

const w = wordsFor('en', 'en');

describe('cameraError', () => {
  it('maps a refusal to CAMERA_DENIED and a missing or busy camera to NO_CAMERA', () => {
    expect(cameraError({ name: 'NotAllowedError' }, w).code).toBe('CAMERA_DENIED');
    expect(cameraError({ name: 'SecurityError' }, w).code).toBe('CAMERA_DENIED');
    expect(cameraError({ name: 'NotFoundError' }, w).code).toBe('NO_CAMERA');
    expect(cameraError({ name: 'NotReadableError' }, w).code).toBe('NO_CAMERA');
  });

  it('speaks the page\'s language when it has those words', () => {
    expect(cameraError({ name: 'NotAllowedError' }, wordsFor('fr-CA', 'en')).message).toBe('L’accès à la caméra a été refusé');
    expect(cameraError({ name: 'NotAllowedError' }, wordsFor('xx', 'de')).message).toBe('Camera access was refused');
  });
});
