import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';
import { displayNamePattern } from '@faceauth/common';

/**
 * 1 to 128 characters (code points), at least one visible, none of them a control, surrogate, line/paragraph
 * separator, zero-width or bidirectional-control character.
 */
export const ENROLLED_NAME_PATTERN = displayNamePattern(128);

/** The stored form of a user name: trimmed and NFC-normalised, so "José" typed two ways is one user. */
export function normalizeName(value: unknown): unknown {
  return typeof value === 'string' ? value.trim().normalize('NFC') : value;
}

/** A request field naming an enrolled user (name, user_id): normalised as stored, then checked against the pattern. */
export function IsEnrolledName(field: string): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => normalizeName(value)),
    IsString(),
    Matches(ENROLLED_NAME_PATTERN, { message: `${field} must be 1-128 printable characters` }),
  );
}
