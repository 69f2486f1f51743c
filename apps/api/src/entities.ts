import { Account } from '@faceauth/accounts/entities/account.entity';
import { ApiKey } from '@faceauth/api-keys/entities/api-key.entity';

/** Every persisted entity: shared by the app, the CLI and the migration generator. */
export const ENTITIES = [Account, ApiKey];
