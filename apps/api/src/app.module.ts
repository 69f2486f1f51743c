import { DynamicModule, Module, Type } from '@nestjs/common';
import { AccountsModule } from '@faceauth/accounts';
import { ApiKeysModule } from '@faceauth/api-keys';
import { ConfigModule, loadConfig } from '@faceauth/config';
import { DatabaseModule } from '@faceauth/database';
import { EnrollSessionsModule } from '@faceauth/enroll-sessions';
import { EnrollmentModule } from '@faceauth/enrollment';
import { HealthModule } from '@faceauth/health';
import { InferenceModule } from '@faceauth/inference';
import { LoginSessionsModule } from '@faceauth/login-sessions';
import { MetricsModule } from '@faceauth/metrics';
import { PipelineModule } from '@faceauth/pipeline';
import { RegistrationModule } from '@faceauth/registration';
import { LoginTokensModule } from '@faceauth/login-tokens';
import { UsageModule } from '@faceauth/usage';
import { VerificationModule } from '@faceauth/verification';
import { WidgetModule } from '@faceauth/widget';
import { ENTITIES } from './entities';

/** Wires the feature modules; `overrides` change configuration values and `extra` adds modules (tests). */
@Module({})
export class AppModule {
  static forRoot(overrides: Record<string, any> = {}, extra: Type[] = []): DynamicModule {
    // The queue adapter and the database driver are chosen when the module graph is built, so the
    // configuration is read here once more.
    const config = loadConfig(undefined, overrides);
    const redis = config.redisUrl !== null;
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(overrides),
        DatabaseModule.forRoot(ENTITIES, { databaseUrl: config.databaseUrl }),
        ApiKeysModule,
        PipelineModule,
        AccountsModule,
        RegistrationModule,
        InferenceModule,
        HealthModule,
        EnrollmentModule,
        VerificationModule,
        LoginSessionsModule,
        EnrollSessionsModule,
        WidgetModule,
        UsageModule.forRoot({ redis }),
        LoginTokensModule,
        MetricsModule,
        ...extra,
      ],
    };
  }
}
