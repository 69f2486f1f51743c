import { Account } from '@faceauth/accounts';
import { ApiKey } from '@faceauth/api-keys';
import { EnrollSession } from '@faceauth/enroll-sessions';
import { EnrolledUser, FaceSample } from '@faceauth/enrollment';
import { LoginAttempt, LoginSession } from '@faceauth/login-sessions';
import { SigningKey } from '@faceauth/login-tokens';
import { RegistrationState } from '@faceauth/registration';
import { UsageCallLog, UsageDaily, UsageQuota } from '@faceauth/usage';

/** Every persisted entity: shared by the app, the CLI and the migration generator. */
export const ENTITIES = [Account, ApiKey, EnrolledUser, FaceSample, UsageCallLog, UsageDaily, UsageQuota, SigningKey, LoginSession, LoginAttempt, EnrollSession, RegistrationState];
