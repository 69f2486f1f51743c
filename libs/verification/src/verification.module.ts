import { Module } from '@nestjs/common';
import { EnrollmentModule } from '@faceauth/enrollment';
import { InferenceModule } from '@faceauth/inference';
import { MatchService } from './match.service';
import { VerificationController } from './verification.controller';
import { VerifyService } from './verify.service';

/** POST /verify and POST /match. */
@Module({
  imports: [InferenceModule, EnrollmentModule],
  controllers: [VerificationController],
  providers: [VerifyService, MatchService],
})
export class VerificationModule {}
