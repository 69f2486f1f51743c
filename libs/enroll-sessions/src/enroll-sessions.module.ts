import { Module } from '@nestjs/common';
import { ApiKeysModule } from '@faceauth/api-keys';
import { EnrollmentModule } from '@faceauth/enrollment';
import { EnrollPhotosService } from './enroll-photos.service';
import { EnrollSecretAuthenticator } from './enroll-secret.authenticator';
import { EnrollSessionsController } from './enroll-sessions.controller';
import { EnrollSessionsRepository } from './enroll-sessions.repository';
import { EnrollSessionsRetention } from './enroll-sessions.retention';
import { EnrollSessionsService } from './enroll-sessions.service';

/** Enrollment through the widget: start, photo by photo, status; the client-secret authentication of the photos. */
@Module({
  imports: [ApiKeysModule, EnrollmentModule],
  controllers: [EnrollSessionsController],
  providers: [EnrollSessionsRepository, EnrollSessionsService, EnrollPhotosService, EnrollSessionsRetention, EnrollSecretAuthenticator],
  exports: [EnrollSecretAuthenticator],
})
export class EnrollSessionsModule {}
