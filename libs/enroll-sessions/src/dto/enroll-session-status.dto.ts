import { ApiProperty } from '@nestjs/swagger';

export class EnrollSessionStatusResponseDto {
  @ApiProperty({ example: true })
  success: true;
  /** @example es_3q2-7wZbQf1mR8sK0dXy5A */
  session_id: string;
  /** @example 101 */
  user_id: string;
  @ApiProperty({ enum: ['collecting', 'enrolled', 'failed', 'expired'], example: 'enrolled', description: '`enrolled`: the photos were enrolled under user_id.' })
  status: 'collecting' | 'enrolled' | 'failed' | 'expired';
  /**
   * Photos kept so far (3 once enrolled).
   * @example 3
   */
  steps_kept: number;
  /** @example 2026-12-01T09:00:00.000Z */
  created_at: string;
  /** @example 2026-12-01T09:10:00.000Z */
  expires_at: string;
  /**
   * When it was enrolled or closed as failed.
   * @example 2026-12-01T09:01:12.000Z
   */
  completed_at: string | null;
}
