import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiKeyAuth, Auth, AuthContext, ClientGone, UploadedImageMap, UploadedImages, UploadFields } from '@faceauth/common';
import { Metered } from '@faceauth/usage';
import { EnrollBodyDto, EnrollFormDto, EnrollResponseDto } from './dto/enroll.dto';
import { ENROLL_FIELDS, EnrollService } from './enroll.service';

@ApiTags('Faces')
@Controller()
export class EnrollmentController {
  constructor(private readonly enrollment: EnrollService) {}

  @Post('enroll')
  @HttpCode(201)
  @ApiKeyAuth()
  @Metered('enroll')
  @UploadFields(...ENROLL_FIELDS)
  @ApiOperation({
    summary: 'Enroll a face under your user id',
    description:
      'One to three photos of one person (`image`, `image1`, `image2`), each with exactly one sharp, well-lit, near-frontal face ' +
      '(else 422 LOW_QUALITY, `details` naming the check and the measured value). Only face templates are stored, ' +
      'never the photos. Enrolling an existing name adds samples when the new faces match the stored ones (at most 10 are kept, ' +
      'the oldest dropped first); `replace=true` replaces them.',
  })
  @ApiBody({ type: EnrollBodyDto })
  @ApiCreatedResponse({ type: EnrollResponseDto })
  @ApiErrors('VALIDATION_ERROR', 'MISSING_IMAGE', 'INVALID_IMAGE', 'PAYLOAD_TOO_LARGE', 'NO_FACE', 'MULTIPLE_FACES', 'FACE_TOO_SMALL', 'LOW_QUALITY', 'ENROLL_MISMATCH', 'IDENTITY_MISMATCH', 'SERVICE_UNAVAILABLE')
  enroll(@Auth() auth: AuthContext, @Body() form: EnrollFormDto, @UploadedImages() files: UploadedImageMap, @ClientGone() signal?: AbortSignal): Promise<EnrollResponseDto> {
    return this.enrollment.enroll(auth, form, files, signal);
  }
}
