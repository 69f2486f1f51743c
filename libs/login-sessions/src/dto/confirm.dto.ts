import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { LivenessResultDto } from './attempt.dto';

export class ConfirmTokenDto {
  /**
   * The token the widget handed to your page (onSuccess).
   * @example eyJhbGciOiJFZERTQSIsImtpZCI6Ii4uLiIsInR5cCI6ImZhY2VhdXRoLWxvZ2luK2p3dCJ9.eyJ...
   */
  @IsString()
  @Length(1, 4096)
  token: string;
}

export class ConfirmTokenResponseDto {
  @ApiProperty({ example: true })
  success: true;
  @ApiProperty({ example: true })
  valid: true;
  /** @example 101 */
  user_id: string;
  /** @example ls_3q2-7wZbQf1mR8sK0dXy5A */
  session_id: string;
  /** @example "c2Vzc2lvbi0xMjM0NQ" */
  nonce: string | null;
  /** @example 2026-12-01T09:00:31.000Z */
  verified_at: string;
  liveness: LivenessResultDto;
  /** @example 97.4 */
  confidence: number;
}
