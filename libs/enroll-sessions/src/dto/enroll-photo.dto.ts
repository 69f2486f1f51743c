import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { EnrollResponseDto } from '@faceauth/enrollment';

/** The text field of POST /enroll-sessions/{id}/photos. */
export class EnrollPhotoFormDto {
  /**
   * The step this photo is for: the next one not yet kept (0 first).
   * @example 0
   */
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 2, example: 0 })
  @Transform(({ value }) => (typeof value === 'string' && /^\d{1,3}$/.test(value) ? Number(value) : value))
  @IsInt({ message: 'step must be 0, 1 or 2' })
  @Min(0, { message: 'step must be 0, 1 or 2' })
  @Max(2, { message: 'step must be 0, 1 or 2' })
  step: number;
}

export class EnrollPhotoBodyDto extends EnrollPhotoFormDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'The photo of the step (JPEG, PNG or WebP, at most 10 MB): exactly one face.' })
  photo: unknown;
}

export class EnrolledDto {
  /** @example 1 */
  face_id: number;
  /** @example 101 */
  external_user_id: string;
  /** @example 3 */
  samples: number;
}

export class EnrollPhotoResponseDto {
  @ApiProperty({ example: true })
  success: true;
  @ApiProperty({ example: true })
  accepted: true;
  /** @example 0 */
  step: number;
  @ApiProperty({ type: 'integer', nullable: true, example: 1, description: 'The step to send next; null once the last photo is in.' })
  next_step: number | null;
  @ApiProperty({ enum: ['collecting', 'enrolled'], example: 'collecting' })
  status: 'collecting' | 'enrolled';
  @ApiPropertyOptional({ type: EnrolledDto, description: 'With the last photo: the enrollment, as POST /enroll answers it.' })
  enrolled?: Pick<EnrollResponseDto, 'face_id' | 'external_user_id' | 'samples'>;
}
