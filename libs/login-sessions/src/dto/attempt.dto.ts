import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { LIVENESS_MODES, LivenessMode } from '@faceauth/config';

/** The text fields of an attempt: none (the frames are files). */
export class AttemptFormDto {}

/** The multipart body of an attempt, for the OpenAPI document. */
export class AttemptBodyDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The captured frame (JPEG, PNG or WebP). Exactly frame0 when liveness is off.' })
  frame0: unknown;
}

export class LivenessCheckDto {
  /** @example same_person */
  name: string;
  /** @example true */
  passed: boolean;
}

export class LivenessResultDto {
  @ApiProperty({ enum: LIVENESS_MODES, example: 'off' })
  mode: LivenessMode;
  @ApiProperty({ nullable: true, example: null, description: 'null when liveness is off' })
  passed: boolean | null;
  @ApiProperty({ type: [LivenessCheckDto] })
  checks: LivenessCheckDto[];
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
