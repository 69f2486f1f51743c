import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { LIVENESS_MODES, LivenessMode } from '@faceauth/config';
import { IsEnrolledName } from '@faceauth/enrollment';
import { LivenessChallengeDto } from './liveness.dto';

/** Printable: no control, surrogate or separator characters. */
const PRINTABLE = /^[^\p{Cc}\p{Cs}\p{Zl}\p{Zp}]+$/u;

export class LivenessRequestDto {
  @ApiProperty({ enum: LIVENESS_MODES, example: 'active', description: '`off` (one frame) may only be asked for with a secret key.' })
  @IsIn(LIVENESS_MODES)
  mode: LivenessMode;
}

export class StartSessionDto {
  /**
   * The user id to sign in: the name the person was enrolled under.
   * @example 101
   */
  @IsEnrolledName('user_id')
  user_id: string;

  /**
   * Chosen by your backend and bound to the browser session that asked for the login; it comes back in the
   * token and the confirmation, so your backend can check the login belongs to that browser.
   * @example "c2Vzc2lvbi0xMjM0NQ"
   */
  @IsOptional()
  @IsString()
  @Length(1, 128)
  @Matches(PRINTABLE, { message: 'nonce must be printable characters' })
  nonce?: string;

  @ApiPropertyOptional({ type: LivenessRequestDto, description: 'Defaults to the server configuration (loginSessions.defaultLiveness).' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LivenessRequestDto)
  liveness?: LivenessRequestDto;
}

export class LivenessChallengeInfoDto {
  @ApiProperty({ enum: LIVENESS_MODES, example: 'off' })
  mode: LivenessMode;
  @ApiProperty({ nullable: true, type: LivenessChallengeDto, description: 'The head movements to perform (active mode), in order; null when off.' })
  challenge: LivenessChallengeDto | null;
}

export class StartSessionResponseDto {
  @ApiProperty({ example: true })
  success: true;
  /** @example ls_3q2-7wZbQf1mR8sK0dXy5A */
  session_id: string;
  /**
   * Authorizes this session's attempts (Authorization: Bearer) and nothing else. Give it to the widget; do not log it.
   * @example lss_Jx3kP9wq2mVbT7yZs1cR8dLh4nF6gA0eU5oI2tKwXqE
   */
  client_secret: string;
  /** @example 101 */
  user_id: string;
  /** @example 2026-12-01T09:02:00.000Z */
  expires_at: string;
  liveness: LivenessChallengeInfoDto;
}
