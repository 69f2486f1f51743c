import { DomainError, MultipleFacesError, ValidationError } from '@faceauth/common';
import { faceErrorForPerson, poseError, qualityError } from './photo-checks';

describe('enrollment photo refusals', () => {
  it('keeps the code and details of a face error, with a message for the person and the step', () => {
    const told = faceErrorForPerson(new MultipleFacesError(3), 1) as DomainError;
    expect(told).toMatchObject({ code: 'MULTIPLE_FACES', status: 422, details: { faces: 3, step: 1 } });
    expect(told.message).toMatch(/^More than one face is in view/);
  });

  it('passes other errors through unchanged', () => {
    const error = new ValidationError('x');
    expect(faceErrorForPerson(error, 0)).toBe(error);
  });

  it.each([
    ['sharpness', 'too blurred', /blurred/],
    ['brightness', 'too dark', /too dark/],
    ['brightness', 'overexposed', /too bright/],
    ['overexposed', 'overexposed', /too bright/],
    ['yaw', 'head turned too far', /turned too far/],
  ] as const)('turns the %s check (%s) into LOW_QUALITY with its measure and a prompt', (check, message, prompt) => {
    const error = qualityError({ check, value: 1, limit: 2, message }, 2);
    expect(error).toMatchObject({ code: 'LOW_QUALITY', details: { check, value: 1, limit: 2, step: 2 } });
    expect(error.message).toMatch(prompt);
  });

  it('reports a pose refusal as LOW_QUALITY with the measured pose, the message outside the details', () => {
    const error = poseError({ check: 'pose', step: 0, pose: 'frontal', yaw: 29.6, pitch: 5.8, message: 'Face the camera: look straight into it.' });
    expect(error).toMatchObject({ code: 'LOW_QUALITY', message: 'Face the camera: look straight into it.', details: { check: 'pose', step: 0, pose: 'frontal', yaw: 29.6, pitch: 5.8 } });
  });
});
