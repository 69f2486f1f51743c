import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListUsersQueryDto {
  /**
   * Page size, 1-100.
   * @example 20
   */
  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  /** `next_cursor` of the previous page; omit for the first page. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class EnrolledUserDto {
  /** @example 1 */
  id: number;
  /** @example 101 */
  name: string;
  /**
   * Stored face samples.
   * @example 3
   */
  samples: number;
  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-06-24T10:15:00.000Z' })
  created_at: string;
  /** Last time samples were added, replaced or removed. */
  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-06-24T10:15:00.000Z' })
  updated_at: string;
}

export class UserListResponseDto {
  @ApiProperty({ example: true })
  success: true;
  /** Oldest enrollment first. */
  users: EnrolledUserDto[];
  /** Pass as `cursor` to get the next page; null on the last page. */
  @ApiProperty({ type: 'string', nullable: true, example: 'eyJpZCI6MjB9' })
  next_cursor: string | null;
}

export class FaceSampleDto {
  /** @example 7 */
  id: number;
  @ApiProperty({ type: 'string', format: 'date-time', example: '2026-06-24T10:15:00.000Z' })
  created_at: string;
  /**
   * Detector probability of the enrolled face, 0-1.
   * @example 0.998
   */
  detector_score: number;
  /**
   * Informational anti-spoof score of the enrollment photo, 0-1 (higher = more likely a live face).
   * @example 0.93
   */
  @ApiProperty({ type: 'number', nullable: true, example: 0.93 })
  liveness: number | null;
}

export class EnrolledUserDetailDto extends EnrolledUserDto {
  /** The stored samples, oldest first (templates only: photos are never stored). */
  face_samples: FaceSampleDto[];
}

export class UserResponseDto {
  @ApiProperty({ example: true })
  success: true;
  user: EnrolledUserDetailDto;
}

export class DeleteUserResponseDto {
  @ApiProperty({ example: true })
  success: true;
  @ApiProperty({ example: 'User "101" and 3 face samples deleted' })
  message: string;
  /**
   * How many samples were deleted.
   * @example 3
   */
  deleted_samples: number;
}

export class DeleteSampleResponseDto {
  @ApiProperty({ example: true })
  success: true;
  @ApiProperty({ example: 'Sample 7 of "101" deleted' })
  message: string;
  /**
   * Samples left for this user.
   * @example 2
   */
  samples: number;
  /**
   * True when the deleted sample was the last one, which deletes the user too.
   * @example false
   */
  user_deleted: boolean;
}
