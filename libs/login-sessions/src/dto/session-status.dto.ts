import { ApiProperty } from '@nestjs/swagger';
import { LIVENESS_MODES, LivenessMode } from '@faceauth/config';

export class SessionAttemptDto {
  @ApiProperty({ enum: ['match', 'no_match', 'liveness_failed', 'no_face'], example: 'no_match' })
  outcome: string;
  /** @example 2026-12-01T09:00:20.000Z */
  created_at: string;
}

export class SessionStatusResponseDto {
  @ApiProperty({ example: true })
  success: true;
  /** @example ls_3q2-7wZbQf1mR8sK0dXy5A */
  session_id: string;
  /** @example 101 */
  user_id: string;
  @ApiProperty({ enum: ['pending', 'succeeded', 'failed', 'expired'], example: 'succeeded' })
  state: 'pending' | 'succeeded' | 'failed' | 'expired';
  @ApiProperty({ enum: ['secret', 'publishable'], example: 'publishable', description: 'The kind of key that started the session' })
  started_with: string;
  @ApiProperty({ enum: LIVENESS_MODES, example: 'off' })
  liveness_mode: LivenessMode;
  /** @example 1 */
  attempts: number;
  /** @example 2 */
  attempts_left: number;
  @ApiProperty({ type: [SessionAttemptDto] })
  attempt_log: SessionAttemptDto[];
  /** @example 2026-12-01T09:00:00.000Z */
  created_at: string;
  /** @example 2026-12-01T09:02:00.000Z */
  expires_at: string;
  /** @example 2026-12-01T09:00:31.000Z */
  succeeded_at: string | null;
  /**
   * When your backend confirmed the token (single use).
   * @example 2026-12-01T09:00:32.000Z
   */
  confirmed_at: string | null;
}
