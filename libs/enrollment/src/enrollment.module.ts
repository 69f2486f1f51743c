import { Module } from '@nestjs/common';
import { InferenceModule } from '@faceauth/inference';
import { EnrollService } from './enroll.service';
import { EnrolledFacesService } from './enrolled-faces.service';
import { EnrollmentController } from './enrollment.controller';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

/** POST /enroll and the /users routes; exports the template lookup that verification uses and the enrollment rules (enrollment sessions). */
@Module({
  imports: [InferenceModule],
  controllers: [EnrollmentController, UsersController],
  providers: [EnrollService, UsersService, EnrolledFacesService],
  exports: [EnrolledFacesService, EnrollService],
})
export class EnrollmentModule {}
