import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsEnrolledName } from '@faceauth/enrollment';
import { ENROLL_POSES, EnrollPose } from '../enroll-steps';

export class StartEnrollSessionDto {
  /**
   * Your id for this person, enrolled as POST /enroll's `name`: 1-128 printable characters, trimmed.
   * @example 101
   */
  @IsEnrolledName('user_id')
  user_id: string;

  /**
   * `true` replaces every stored sample of an existing user with the new photos, as POST /enroll's `replace`.
   * Default `false`: the photos are added, and must match the stored ones (else IDENTITY_MISMATCH).
   * @example false
   */
  @IsOptional()
  @IsBoolean({ message: 'replace must be true or false' })
  replace?: boolean;
}

export class EnrollStepDto {
  @ApiProperty({ enum: ENROLL_POSES, example: 'frontal', description: "What the photo of this step shows: turn_left and turn_right are the person's own left and right." })
  pose: EnrollPose;
}

export class StartEnrollSessionResponseDto {
  @ApiProperty({ example: true })
  success: true;
  /** @example es_3q2-7wZbQf1mR8sK0dXy5A */
  session_id: string;
  /**
   * Authorizes this session's photos (Authorization: Bearer) and nothing else. Give it to the widget; do not log it.
   * @example ess_Jx3kP9wq2mVbT7yZs1cR8dLh4nF6gA0eU5oI2tKwXqE
   */
  client_secret: string;
  /** @example 101 */
  user_id: string;
  /** @example 2026-12-01T09:10:00.000Z */
  expires_at: string;
  @ApiProperty({ type: [EnrollStepDto], description: 'The photos to send, in order (`step` 0, 1, 2).', example: [{ pose: 'frontal' }, { pose: 'turn_left' }, { pose: 'turn_right' }] })
  steps: EnrollStepDto[];
}
