import { Account } from '@faceauth/accounts/entities/account.entity';
import { ApiKey } from '@faceauth/api-keys/entities/api-key.entity';
import { EnrolledUser } from '@faceauth/enrollment/entities/enrolled-user.entity';
import { FaceSample } from '@faceauth/enrollment/entities/face-sample.entity';
import { LoginAttempt, LoginSession } from '@faceauth/login-sessions';
import { SigningKey } from '@faceauth/login-tokens';
import { UsageCallLog } from '@faceauth/usage/entities/usage-call-log.entity';
import { UsageDaily } from '@faceauth/usage/entities/usage-daily.entity';
import { UsageQuota } from '@faceauth/usage/entities/usage-quota.entity';

/** Every persisted entity: shared by the app, the CLI and the migration generator. */
export const ENTITIES = [Account, ApiKey, EnrolledUser, FaceSample, UsageCallLog, UsageDaily, UsageQuota, SigningKey, LoginSession, LoginAttempt];
