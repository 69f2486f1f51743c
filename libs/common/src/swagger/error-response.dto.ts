import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ERROR_CODES, ErrorCode } from '../errors/error-codes';

export class ErrorBodyDto {
  @ApiProperty({ enum: ERROR_CODES, example: 'NO_FACE', description: 'Stable machine-readable error code' })
  code: ErrorCode;

  @ApiProperty({ example: 'No face detected in image', description: 'Human-readable explanation' })
  message: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'Extra facts, e.g. per-field validation messages' })
  details?: Record<string, unknown>;
}

/** The envelope of every error response. */
export class ErrorResponseDto {
  @ApiProperty({ example: false, enum: [false] })
  success: false;

  @ApiProperty({ type: ErrorBodyDto })
  error: ErrorBodyDto;

  @ApiProperty({ example: '3f1c9a0e-8d5b-4a57-9a55-2b1f0d3c7e21', description: 'Same as the X-Request-Id header' })
  request_id: string;
}
