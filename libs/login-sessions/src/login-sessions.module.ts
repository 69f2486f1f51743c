import { Module } from '@nestjs/common';
import { ApiKeysModule } from '@faceauth/api-keys';
import { ClientSecretAuthenticator } from '@faceauth/common';
import { EnrollmentModule } from '@faceauth/enrollment';
import { LoginTokensModule } from '@faceauth/login-tokens';
import { SessionClientSecretAuthenticator } from './client-secret.authenticator';
import { LivenessFramesService } from './liveness-frames.service';
import { LoginAttemptsService } from './login-attempts.service';
import { LoginConfirmService } from './login-confirm.service';
import { LoginLockService } from './login-lock.service';
import { LoginSessionsController } from './login-sessions.controller';
import { LoginSessionsRepository } from './login-sessions.repository';
import { LoginSessionsRetention } from './login-sessions.retention';
import { LoginSessionsService } from './login-sessions.service';

/** Login sessions: start, attempt, confirm, status; the client-secret authentication of the attempts. */
@Module({
  imports: [ApiKeysModule, EnrollmentModule, LoginTokensModule],
  controllers: [LoginSessionsController],
  providers: [
    LoginSessionsRepository,
    LoginSessionsService,
    LoginAttemptsService,
    LivenessFramesService,
    LoginConfirmService,
    LoginLockService,
    LoginSessionsRetention,
    { provide: ClientSecretAuthenticator, useClass: SessionClientSecretAuthenticator },
  ],
  exports: [ClientSecretAuthenticator],
})
export class LoginSessionsModule {}
