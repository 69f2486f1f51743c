import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LIVENESS_MODES, LivenessMode } from '@faceauth/config';
import { LivenessChallengeDto } from './liveness.dto';

/** The text fields of an attempt: none (the frames are files). */
export class AttemptFormDto {}

/** The multipart body of an attempt, for the OpenAPI document. */
export class AttemptBodyDto {
  @ApiPropertyOptional({
    type: 'string',
    format: 'binary',
    description:
      'The captured frame (JPEG, PNG or WebP). Exactly frame0 when liveness is off. With liveness active, send no file when the steps ' +
      'went through POST /login-sessions/{id}/frames, or every step at once: frame0.. in step order, each step\'s `frames` in turn.',
  })
  frame0?: unknown;
}

export class LivenessCheckDto {
  /** @example same_person */
  name: string;
  /** @example true */
  passed: boolean;
  /**
   * Why it failed, fit to show to the person.
   * @example This looked like a photo or a screen rather than a person.
   */
  reason?: string;
}

export class LivenessResultDto {
  @ApiProperty({ enum: LIVENESS_MODES, example: 'off' })
  mode: LivenessMode;
  @ApiProperty({ nullable: true, example: null, description: 'null when liveness is off' })
  passed: boolean | null;
  @ApiProperty({ type: [LivenessCheckDto], description: 'Active liveness: every check of the decision (complete, one_face, in_time, frontal, movement_1.., continuous_path, not_flat, same_person).' })
  checks: LivenessCheckDto[];
  @ApiPropertyOptional({ type: LivenessChallengeDto, nullable: true, description: 'Active liveness, after an attempt that did not sign in: the challenge of the next attempt (null when none is left).' })
  next_challenge?: LivenessChallengeDto | null;
}

export class AttemptResponseDto {
  @ApiProperty({ example: true })
  success: true;
  /** @example true */
  match: boolean;
  @ApiProperty({ enum: ['match', 'no_match', 'liveness_failed'], example: 'match' })
  status: 'match' | 'no_match' | 'liveness_failed';
  /**
   * Fit to show to the person in front of the camera.
   * @example You are signed in.
   */
  message: string;
  /** @example 2 */
  attempts_left: number;
  liveness: LivenessResultDto;
  @ApiPropertyOptional({
    description: 'Only on a match: the signed login token (compact JWS, EdDSA) for your backend to confirm.',
    example: 'eyJhbGciOiJFZERTQSIsImtpZCI6Ii4uLiIsInR5cCI6ImZhY2VhdXRoLWxvZ2luK2p3dCJ9.eyJ...',
  })
  token?: string;
}
