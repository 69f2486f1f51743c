import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiKeyAuth, Auth, AuthContext, ClientGone, ClientSecretAuth, UploadedImageMap, UploadedImages, UploadFields } from '@faceauth/common';
import { CallCharge, ChargeCall, MeteredOnCharge, RateLimited } from '@faceauth/usage';
import { EnrollPhotoBodyDto, EnrollPhotoFormDto, EnrollPhotoResponseDto } from './dto/enroll-photo.dto';
import { EnrollSessionStatusResponseDto } from './dto/enroll-session-status.dto';
import { StartEnrollSessionDto, StartEnrollSessionResponseDto } from './dto/start-enroll-session.dto';
import { EnrollPhotosService } from './enroll-photos.service';
import { EnrollSecretAuthenticator } from './enroll-secret.authenticator';
import { EnrollSessionsService } from './enroll-sessions.service';

const SESSION_ID = { name: 'id', description: 'The session_id from POST /enroll-sessions', example: 'es_3q2-7wZbQf1mR8sK0dXy5A' };

@ApiTags('Enrollment sessions')
@Controller('enroll-sessions')
export class EnrollSessionsController {
  constructor(
    private readonly sessions: EnrollSessionsService,
    private readonly photos: EnrollPhotosService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiKeyAuth()
  @RateLimited()
  @ApiOperation({
    summary: 'Start an enrollment through the widget for a user id',
    description:
      "Secret key (your backend). The answer holds the session's client secret, which authorizes its photos and nothing else: hand " +
      '`<session_id>:<client_secret>` to the widget (FaceAuth.enroll). It takes 3 photos, frontal then turned a little left and right, and ' +
      'enrolls them under user_id with the rules of POST /enroll. Expires after 10 minutes (ENROLL_SESSION_LIFETIME_SECONDS).',
  })
  @ApiCreatedResponse({ type: StartEnrollSessionResponseDto })
  @ApiErrors('VALIDATION_ERROR', 'RATE_LIMIT')
  startEnrollSession(@Auth() auth: AuthContext, @Body() dto: StartEnrollSessionDto): Promise<StartEnrollSessionResponseDto> {
    return this.sessions.start(auth, dto);
  }

  @Post(':id/photos')
  @HttpCode(200)
  @ClientSecretAuth(EnrollSecretAuthenticator)
  @RateLimited()
  @MeteredOnCharge('enroll')
  @UploadFields('photo')
  @ApiOperation({
    summary: 'Send the photo of the next step',
    description:
      "Authorized by the session's client secret (Authorization: Bearer), not an API key. Steps in order (`step` 0, 1, 2), each checked before " +
      "it is kept: one face, the quality POST /enroll asks for, and the step's pose (422 with a message fit to show to the person; send the step " +
      'again). Only the template is kept, never the photo. The last photo enrolls the three under user_id (a counted `enroll` call): ' +
      'ENROLL_MISMATCH drops the photos and starts again at step 0 (3 times at most), IDENTITY_MISMATCH closes the session.',
  })
  @ApiParam(SESSION_ID)
  @ApiBody({ type: EnrollPhotoBodyDto })
  @ApiOkResponse({ type: EnrollPhotoResponseDto })
  @ApiErrors(
    'VALIDATION_ERROR',
    'MISSING_IMAGE',
    'INVALID_IMAGE',
    'PAYLOAD_TOO_LARGE',
    'NO_FACE',
    'MULTIPLE_FACES',
    'FACE_TOO_SMALL',
    'LOW_QUALITY',
    'ENROLL_MISMATCH',
    'IDENTITY_MISMATCH',
    'SESSION_EXPIRED',
    'SESSION_CLOSED',
    'RATE_LIMIT',
    'MONTHLY_LIMIT',
    'SERVICE_UNAVAILABLE',
  )
  addEnrollPhoto(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Body() form: EnrollPhotoFormDto,
    @UploadedImages() files: UploadedImageMap,
    @ChargeCall() charge: CallCharge,
    @ClientGone() signal?: AbortSignal,
  ): Promise<EnrollPhotoResponseDto> {
    return this.photos.addPhoto(auth, id, form.step, files, charge, signal);
  }

  @Get(':id')
  @ApiKeyAuth()
  @ApiOperation({ summary: 'An enrollment session, for your backend', description: 'Secret key of the account that owns it: whether the photos were enrolled, and when.' })
  @ApiParam(SESSION_ID)
  @ApiOkResponse({ type: EnrollSessionStatusResponseDto })
  @ApiErrors('NOT_FOUND')
  getEnrollSession(@Auth() auth: AuthContext, @Param('id') id: string): Promise<EnrollSessionStatusResponseDto> {
    return this.sessions.status(auth, id);
  }
}
