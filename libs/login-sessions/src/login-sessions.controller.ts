import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiKeyAuth, Auth, AuthContext, ClientGone, ClientSecretAuth, UploadedImageMap, UploadedImages, UploadFields } from '@faceauth/common';
import { Metered, RateLimited } from '@faceauth/usage';
import { AttemptBodyDto, AttemptFormDto, AttemptResponseDto } from './dto/attempt.dto';
import { ConfirmTokenDto, ConfirmTokenResponseDto } from './dto/confirm.dto';
import { FramesBodyDto, FramesFormDto, FramesResponseDto, SessionChallengeResponseDto } from './dto/liveness.dto';
import { SessionStatusResponseDto } from './dto/session-status.dto';
import { StartSessionDto, StartSessionResponseDto } from './dto/start-session.dto';
import { LivenessFramesService } from './liveness-frames.service';
import { LoginAttemptsService } from './login-attempts.service';
import { LoginConfirmService } from './login-confirm.service';
import { LoginSessionsService } from './login-sessions.service';

/** The frame fields an attempt may carry. */
export const FRAME_FIELDS = Array.from({ length: 12 }, (_, i) => `frame${i}`);
const SESSION_ID = { name: 'id', description: 'The session_id from POST /login-sessions', example: 'ls_3q2-7wZbQf1mR8sK0dXy5A' };

@ApiTags('Login sessions')
@Controller('login-sessions')
export class LoginSessionsController {
  constructor(
    private readonly sessions: LoginSessionsService,
    private readonly attempts: LoginAttemptsService,
    private readonly confirmation: LoginConfirmService,
    private readonly frames: LivenessFramesService,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiKeyAuth({ publishable: true })
  @RateLimited()
  @ApiOperation({
    summary: 'Start a login for a user id',
    description:
      'With a secret key (your backend, recommended) or a publishable key (the widget, from an allowed origin). The answer holds the ' +
      "session's client secret, which authorizes its attempts and nothing else. A publishable key learns nothing about whether the user is enrolled.",
  })
  @ApiCreatedResponse({ type: StartSessionResponseDto })
  @ApiErrors('VALIDATION_ERROR', 'LOGIN_LOCKED', 'RATE_LIMIT')
  start(@Auth() auth: AuthContext, @Body() dto: StartSessionDto): Promise<StartSessionResponseDto> {
    return this.sessions.start(auth, dto);
  }

  @Post('confirm')
  @HttpCode(200)
  @ApiKeyAuth()
  @ApiOperation({
    summary: 'Confirm a login token (single use)',
    description: "Your backend posts the token the widget handed to the page. Valid once: the same token again is 409 TOKEN_ALREADY_USED. Check that user_id and nonce are the ones you expect.",
  })
  @ApiOkResponse({ type: ConfirmTokenResponseDto })
  @ApiErrors('VALIDATION_ERROR', 'INVALID_TOKEN', 'TOKEN_ALREADY_USED')
  confirm(@Auth() auth: AuthContext, @Body() dto: ConfirmTokenDto): Promise<ConfirmTokenResponseDto> {
    return this.confirmation.confirm(auth, dto.token);
  }

  @Post(':id/attempts')
  @HttpCode(200)
  @ClientSecretAuth()
  @Metered('login_attempt')
  @UploadFields(...FRAME_FIELDS)
  @ApiOperation({
    summary: 'Attempt the login with captured frames',
    description:
      "Authorized by the session's client secret (Authorization: Bearer), not an API key. At most 3 attempts per session; a match closes it and " +
      'returns the signed login token. Messages are fit to show to the person.',
  })
  @ApiParam(SESSION_ID)
  @ApiBody({ type: AttemptBodyDto })
  @ApiOkResponse({ type: AttemptResponseDto })
  @ApiErrors('VALIDATION_ERROR', 'MISSING_IMAGE', 'INVALID_IMAGE', 'PAYLOAD_TOO_LARGE', 'SESSION_EXPIRED', 'SESSION_CLOSED', 'LOGIN_LOCKED', 'SERVICE_UNAVAILABLE')
  attempt(
    @Auth() auth: AuthContext,
    @Param('id') id: string,
    @Body() _form: AttemptFormDto,
    @UploadedImages() files: UploadedImageMap,
    @ClientGone() signal?: AbortSignal,
  ): Promise<AttemptResponseDto> {
    return this.attempts.attempt(id, auth.accountPublicId, files, signal);
  }

  @Post(':id/frames')
  @HttpCode(200)
  @ClientSecretAuth()
  @RateLimited()
  @UploadFields(...FRAME_FIELDS)
  @ApiOperation({
    summary: 'Send the frames of one liveness step',
    description:
      "Active liveness. Authorized by the session's client secret. One request per challenge step, in order (`step` 0, 1, ...), with the " +
      "step's frames as files frame0, frame1, ... captured while the person performs it; the server times them on arrival and keeps only " +
      'their analysis (no photo). Fewer frames than the step asks, more than max_frames, or a step out of order: 400. Then post the attempt without files.',
  })
  @ApiParam(SESSION_ID)
  @ApiBody({ type: FramesBodyDto })
  @ApiOkResponse({ type: FramesResponseDto })
  @ApiErrors('VALIDATION_ERROR', 'MISSING_IMAGE', 'INVALID_IMAGE', 'PAYLOAD_TOO_LARGE', 'SESSION_EXPIRED', 'SESSION_CLOSED', 'RATE_LIMIT', 'SERVICE_UNAVAILABLE')
  addFrames(@Param('id') id: string, @Body() form: FramesFormDto, @UploadedImages() files: UploadedImageMap): Promise<FramesResponseDto> {
    return this.frames.addStep(id, form.step, files);
  }

  @Get(':id/challenge')
  @ClientSecretAuth()
  @RateLimited()
  @ApiOperation({
    summary: "The session's liveness mode and current challenge",
    description:
      "Authorized by the session's client secret. For a client handed only `<session_id>:<client_secret>` (a session your backend started): " +
      'the challenge to show, the step to send next and the attempts left. Expired: 410; ended: 409.',
  })
  @ApiParam(SESSION_ID)
  @ApiOkResponse({ type: SessionChallengeResponseDto })
  @ApiErrors('SESSION_EXPIRED', 'SESSION_CLOSED', 'RATE_LIMIT')
  challenge(@Param('id') id: string): Promise<SessionChallengeResponseDto> {
    return this.frames.current(id);
  }

  @Get(':id')
  @ApiKeyAuth()
  @ApiOperation({ summary: 'A login session, for audit', description: 'Secret key of the account that owns it. State, attempts, outcome and times.' })
  @ApiParam(SESSION_ID)
  @ApiOkResponse({ type: SessionStatusResponseDto })
  @ApiErrors('NOT_FOUND')
  status(@Auth() auth: AuthContext, @Param('id') id: string): Promise<SessionStatusResponseDto> {
    return this.sessions.status(auth, id);
  }
}
