import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsOptional } from 'class-validator';
import { IsEnrolledName } from '../enrolled-name';

/** The text fields of POST /enroll (the files are read separately). */
export class EnrollFormDto {
  /**
   * Your id for this person (e.g. 101 or Rahim): 1-128 printable characters, trimmed, unique per account.
   * @example 101
   */
  @IsEnrolledName('name')
  name: string;

  /**
   * `true` replaces every stored sample of an existing name with the new photos, even when they show
   * someone else. Default `false`.
   */
  @ApiPropertyOptional({ enum: ['true', 'false'], type: 'string', example: 'false' })
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsOptional()
  @IsBoolean({ message: 'replace must be "true" or "false"' })
  replace?: boolean;
}

/** The whole multipart body of POST /enroll, for the OpenAPI document. */
export class EnrollBodyDto extends EnrollFormDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'Face photo (JPEG, PNG or WebP, at most 10 MB): exactly one face.' })
  image: unknown;

  @ApiPropertyOptional({ type: 'string', format: 'binary', description: 'Second photo of the same person (recommended).' })
  image1?: unknown;

  @ApiPropertyOptional({ type: 'string', format: 'binary', description: 'Third photo of the same person (recommended).' })
  image2?: unknown;

  @ApiPropertyOptional({ type: 'string', description: 'The API key, when it is not sent in a header.', example: '' })
  api_key?: string;
}

export class EnrollResponseDto {
  @ApiProperty({ example: true })
  success: true;
  /**
   * Id of the enrolled user (the same for every enrollment of one name).
   * @example 1
   */
  face_id: number;
  /**
   * The name the user was enrolled under.
   * @example 101
   */
  external_user_id: string;
  /** What was done: a new enrollment, samples added (and the oldest dropped), or samples replaced. */
  @ApiProperty({ example: 'Face enrolled successfully' })
  message: string;
  /**
   * How many face samples are stored for this user now (at most 10).
   * @example 3
   */
  samples: number;
}
