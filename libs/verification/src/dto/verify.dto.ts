import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnrolledName } from '@faceauth/enrollment';

/** The text fields of POST /verify. */
export class VerifyFormDto {
  /**
   * The name the person was enrolled under.
   * @example 101
   */
  @IsEnrolledName('name')
  name: string;
}

/** The whole multipart body of POST /verify, for the OpenAPI document. */
export class VerifyBodyDto extends VerifyFormDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'Photo to check (JPEG, PNG or WebP, at most 10 MB). With several faces, the largest is used.' })
  image: unknown;

  @ApiPropertyOptional({ type: 'string', description: 'The API key, when it is not sent in a header.', example: '' })
  api_key?: string;
}

export class VerifiedUserDto {
  /** @example 1 */
  id: number;
  /** @example 101 */
  external_user_id: string;
  /** @example 101 */
  name: string;
}

export class VerifyResponseDto {
  @ApiProperty({ example: true })
  success: true;
  /** True when the photo shows the named person under the decision rule. */
  match: boolean;
  @ApiProperty({ enum: ['match', 'no_match'], example: 'match' })
  status: 'match' | 'no_match';
  /**
   * Probability (percent, one decimal) that the photo shows the enrolled person (calibrated for a photo against
   * a user's template of several samples).
   * @example 94.2
   */
  confidence: number;
  /**
   * Calibrated distance (4 decimals) to the user's template, the mean of the stored samples; a match needs <= 0.42
   * by default. Calibrated so that 0.42 sits at a false-accept rate of 1e-4 for users of 3 samples (docs/accuracy.md).
   * @example 0.2154
   */
  distance: number;
  /** The verified name on a match, else null. */
  @ApiProperty({ type: 'string', nullable: true, example: '101' })
  identity: string | null;
  /** `Verified as <name>`, or why not (which threshold failed); notes when the largest of several faces was used. */
  @ApiProperty({ example: 'Verified as 101' })
  message: string;
  /** The verified user on a match, else null. */
  @ApiProperty({ type: VerifiedUserDto, nullable: true })
  user: VerifiedUserDto | null;
  /**
   * Faces found in the photo; with more than one, the largest was used.
   * @example 1
   */
  faces: number;
  /**
   * Always null: the anti-spoof model no longer runs on /verify (its score decided nothing). Liveness is checked
   * by login sessions. Kept so that existing clients still find the field.
   */
  @ApiProperty({ type: 'number', nullable: true, example: null, deprecated: true })
  liveness: null;
}
