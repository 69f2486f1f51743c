import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  /** @example true */
  success: boolean;
  @ApiProperty({ enum: ['healthy', 'unhealthy'], example: 'healthy' })
  status: 'healthy' | 'unhealthy';
  /** @example true */
  models_loaded: boolean;
  @ApiProperty({ enum: ['ok', 'unreachable'], example: 'ok' })
  database: 'ok' | 'unreachable';
  /**
   * Seconds since the process started.
   * @example 3600
   */
  uptime: number;
}
