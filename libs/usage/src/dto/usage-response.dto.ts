import { ApiProperty } from '@nestjs/swagger';
import { COUNTED_ENDPOINTS } from '../usage.constants';

export class UsageUserDto {
  @ApiProperty({ enum: ['free', 'pro', 'enterprise'], example: 'free' })
  plan: string;
  /**
   * The key, masked.
   * @example fa_Jx3k...XqE9
   */
  api_key: string;
}

export class UsageSummaryDto {
  /**
   * Counted calls this calendar month (UTC).
   * @example 42
   */
  monthly_calls: number;
  /**
   * Calls allowed per month on the plan; null when unlimited.
   * @example 1000
   */
  @ApiProperty({ type: Number, nullable: true, example: 1000 })
  monthly_limit: number | null;
  /**
   * Counted calls since the account was created (kept after the call log is pruned).
   * @example 150
   */
  total_calls: number;
  /**
   * Percentage of counted calls (all time) that succeeded, one decimal; 0 before the first call.
   * @example 94.5
   */
  success_rate: number;
  /**
   * Users enrolled under the account.
   * @example 3
   */
  enrolled_faces: number;
}

export class DailyUsageDto {
  /**
   * UTC day.
   * @example 2026-06-24
   */
  day: string;
  /** @example 12 */
  calls: number;
}

export class CallLogDto {
  @ApiProperty({ enum: COUNTED_ENDPOINTS, example: 'verify' })
  endpoint: string;
  /** @example 200 */
  status_code: number;
  /** @example true */
  success: boolean;
  /**
   * The error code of a failed call, else null.
   * @example null
   */
  @ApiProperty({ type: String, nullable: true, example: null })
  error_code: string | null;
  /** @example 184 */
  latency_ms: number;
  /**
   * When the call was made (ISO 8601, UTC).
   * @example 2026-06-24T09:15:02.123Z
   */
  created_at: string;
}

export class UsageResponseDto {
  @ApiProperty({ example: true })
  success: true;
  user: UsageUserDto;
  usage: UsageSummaryDto;
  /** The last 30 UTC days, oldest first, days without calls included with 0. */
  daily_usage: DailyUsageDto[];
  /** The last 20 counted calls, newest first. */
  recent_logs: CallLogDto[];
}
