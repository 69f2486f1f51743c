import { ApiHideProperty, ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString } from 'class-validator';

/**
 * The text fields of POST /match: none but the API key (which authentication reads). Declared so that the
 * validation pipe refuses any other field with 400 VALIDATION_ERROR, as on /verify.
 */
export class MatchFormDto {
  @ApiHideProperty()
  @IsOptional()
  @IsString()
  api_key?: string;
}

/** The multipart body of POST /match, for the OpenAPI document. */
export class MatchBodyDto {
  @ApiProperty({ type: 'string', format: 'binary', description: 'First photo. With several faces, the largest is used.' })
  image1: unknown;

  @ApiProperty({ type: 'string', format: 'binary', description: 'Second photo. With several faces, the largest is used.' })
  image2: unknown;

  @ApiPropertyOptional({ type: 'string', description: 'The API key, when it is not sent in a header.', example: '' })
  api_key?: string;
}

export class FaceCountsDto {
  /** @example 1 */
  image1: number;
  /** @example 1 */
  image2: number;
}

export class MatchResponseDto {
  @ApiProperty({ example: true })
  success: true;
  /** True when both photos show one person under the decision rule. */
  match: boolean;
  @ApiProperty({ enum: ['match', 'no_match'], example: 'match' })
  status: 'match' | 'no_match';
  /**
   * Probability (percent, one decimal) that the two faces are one person.
   * @example 95.2
   */
  similarity: number;
  /**
   * Same value as similarity.
   * @example 95.2
   */
  confidence: number;
  /**
   * Calibrated distance between the faces (4 decimals).
   * @example 0.2154
   */
  distance: number;
  /** Faces found in each photo; with more than one, the largest was used. */
  faces: FaceCountsDto;
}
