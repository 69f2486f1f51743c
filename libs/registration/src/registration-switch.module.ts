import { Module } from '@nestjs/common';
import { RegistrationStateRepository } from './registration-state.repository';
import { RegistrationSwitch } from './registration-switch';

/** Open or closed registration, for the API's guard and the operator CLI (which loads no HTTP modules). */
@Module({
  providers: [RegistrationStateRepository, RegistrationSwitch],
  exports: [RegistrationSwitch],
})
export class RegistrationSwitchModule {}
