import { cameraError, isBlack } from './camera';
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

describe('isBlack', () => {
  const frame = (width: number, height: number, grey: (x: number, y: number) => number) => {
    const data = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.fill(grey(x, y), 4 * (y * width + x), 4 * (y * width + x) + 3);
    return { getImageData: () => ({ data }) as ImageData };
  };

  it('tells a black frame (the camera not yet showing) from a dark or a lit picture', () => {
    expect(isBlack(frame(64, 48, () => 0), 64, 48)).toBe(true);
    expect(isBlack(frame(64, 48, () => 3), 64, 48)).toBe(true);
    expect(isBlack(frame(64, 48, () => 30), 64, 48)).toBe(false);
    // A dark room with a lit face in the middle third is not black.
    expect(isBlack(frame(64, 48, (x, y) => (x > 21 && x < 43 && y > 16 && y < 32 ? 120 : 2)), 64, 48)).toBe(false);
  });
});
