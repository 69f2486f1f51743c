import { DomainError } from '@faceauth/common';
import { QualityProblem } from '@faceauth/face-matching';
import { ENROLL_MESSAGES } from './enroll-messages';
import { PoseProblem } from './enroll-steps';

const FACE_CODES = ['NO_FACE', 'MULTIPLE_FACES', 'FACE_TOO_SMALL'] as const;

/** The engine's face errors with the same code and details, a message for the person, and the step. */
export function faceErrorForPerson(error: unknown, step: number): unknown {
  if (!(error instanceof DomainError)) return error;
  const code = FACE_CODES.find((c) => c === error.code);
  if (!code) return error;
  const told = new DomainError(code, ENROLL_MESSAGES[code], { ...error.details, step });
  told.stack = error.stack;
  return told;
}

/** LOW_QUALITY with the measure that failed, as POST /enroll reports it, and what the person can do about it. */
export function qualityError(problem: QualityProblem, step: number): DomainError {
  const message =
    problem.check === 'sharpness'
      ? ENROLL_MESSAGES.sharpness
      : problem.check === 'yaw'
        ? ENROLL_MESSAGES.yaw
        : problem.check === 'brightness' && problem.message === 'too dark'
          ? ENROLL_MESSAGES.dark
          : ENROLL_MESSAGES.bright;
  return new DomainError('LOW_QUALITY', message, { check: problem.check, value: problem.value, limit: problem.limit, step });
}

/** LOW_QUALITY for a head pose that does not fit the step. */
export function poseError({ message, ...details }: PoseProblem): DomainError {
  return new DomainError('LOW_QUALITY', message, details);
}
