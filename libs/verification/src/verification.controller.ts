import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiKeyAuth, Auth, AuthContext, ClientGone, UploadedImageMap, UploadedImages, UploadFields } from '@faceauth/common';
import { Metered } from '@faceauth/usage';
import { MatchBodyDto, MatchFormDto, MatchResponseDto } from './dto/match.dto';
import { VerifyBodyDto, VerifyFormDto, VerifyResponseDto } from './dto/verify.dto';
import { MATCH_FIELDS, MatchService } from './match.service';
import { VerifyService } from './verify.service';

const IMAGE_ERRORS = ['MISSING_IMAGE', 'INVALID_IMAGE', 'PAYLOAD_TOO_LARGE', 'NO_FACE', 'FACE_TOO_SMALL', 'SERVICE_UNAVAILABLE'] as const;

@ApiTags('Faces')
@Controller()
export class VerificationController {
  constructor(
    private readonly verifier: VerifyService,
    private readonly matcher: MatchService,
  ) {}

  @Post('verify')
  @HttpCode(200)
  @ApiKeyAuth()
  @Metered('verify')
  @UploadFields('image')
  @ApiOperation({
    summary: 'Verify a photo against an enrolled name',
    description:
      'Compares the largest face of the photo with the template enrolled under `name` (its samples, compared as configured: ' +
      'docs/accuracy.md) with a calibration fitted for that decision: a match needs distance <= 0.42 and confidence >= 85 ' +
      '(configurable). A no-match is a 200 with `match: false`.',
  })
  @ApiBody({ type: VerifyBodyDto })
  @ApiOkResponse({ type: VerifyResponseDto })
  @ApiErrors('VALIDATION_ERROR', 'NO_ENROLLED_FACES', ...IMAGE_ERRORS)
  verify(@Auth() auth: AuthContext, @Body() form: VerifyFormDto, @UploadedImages() files: UploadedImageMap, @ClientGone() signal?: AbortSignal): Promise<VerifyResponseDto> {
    return this.verifier.verify(auth, form, files, signal);
  }

  @Post('match')
  @HttpCode(200)
  @ApiKeyAuth()
  @Metered('match')
  @UploadFields(...MATCH_FIELDS)
  @ApiOperation({ summary: 'Compare the faces of two photos', description: 'Uses the largest face of each photo; stores nothing.' })
  @ApiBody({ type: MatchBodyDto })
  @ApiOkResponse({ type: MatchResponseDto })
  @ApiErrors('VALIDATION_ERROR', ...IMAGE_ERRORS)
  match(@Body() _form: MatchFormDto, @UploadedImages() files: UploadedImageMap, @ClientGone() signal?: AbortSignal): Promise<MatchResponseDto> {
    return this.matcher.match(files, signal);
  }
}
