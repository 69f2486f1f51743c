import { ApiProperty } from '@nestjs/swagger';

export class HealthDto {
  /** @example true */
  success: boolean;
  @ApiProperty({ enum: ['healthy', 'unhealthy'], example: 'healthy' })
  status: 'healthy' | 'unhealthy';
  /** @example true */
  models_loaded: boolean;
  /** `unwritable`: SQLite held by another writer (writes would fail with 503 now). */
  @ApiProperty({ enum: ['ok', 'unreachable', 'unwritable'], example: 'ok' })
  database: 'ok' | 'unreachable' | 'unwritable';
  /**
   * Seconds since the process started.
   * @example 3600
   */
  uptime: number;
}
