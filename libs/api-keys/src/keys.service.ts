import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Account, AccountsService } from '@faceauth/accounts';
import { AuthContext, LastSecretKeyError, NotFoundError, ValidationError } from '@faceauth/common';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysService } from './api-keys.service';
import { CreateKeyDto, CreateKeyResponseDto, KeyDto, KeyResponseDto, KeysListResponseDto, UpdateKeyDto } from './dto/keys.dto';
import { ApiKey } from './entities/api-key.entity';

function toDto(key: ApiKey): KeyDto {
  return {
    id: key.id,
    kind: key.kind,
    name: key.name,
    key: key.masked,
    allowed_origins: key.allowedOrigins ?? [],
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    revoked_at: key.revokedAt?.toISOString() ?? null,
  };
}

function refuseOriginsOnSecret(kind: string, origins: string[] | undefined): void {
  if (kind === 'secret' && origins?.length) {
    throw new ValidationError('allowed_origins applies to publishable keys only: secret keys belong on your server', {
      fields: { allowed_origins: ['only publishable keys have allowed origins'] },
    });
  }
}

/** /keys: an account's keys, created, renamed, restricted to origins and revoked by its owner (secret key). */
@Injectable()
export class KeysService {
  constructor(
    private readonly em: EntityManager,
    private readonly keys: ApiKeysRepository,
    private readonly apiKeys: ApiKeysService,
    private readonly accounts: AccountsService,
  ) {}

  async list(auth: AuthContext): Promise<KeysListResponseDto> {
    return { success: true, keys: (await this.keys.list(auth.accountId)).map(toDto) };
  }

  async create(auth: AuthContext, dto: CreateKeyDto): Promise<CreateKeyResponseDto> {
    refuseOriginsOnSecret(dto.kind, dto.allowed_origins);
    const em = this.em.fork();
    const { key, entity } = this.apiKeys.issue(em, em.getReference(Account, auth.accountId), dto.kind, {
      name: dto.name,
      allowedOrigins: dto.allowed_origins,
    });
    await em.flush();
    return { success: true, api_key: key, key: toDto(entity) };
  }

  async update(auth: AuthContext, keyId: number, dto: UpdateKeyDto): Promise<KeyResponseDto> {
    const em = this.em.fork();
    const key = await this.owned(em, auth, keyId);
    refuseOriginsOnSecret(key.kind, dto.allowed_origins);
    if (dto.name !== undefined) key.name = dto.name;
    if (dto.allowed_origins !== undefined) key.allowedOrigins = dto.allowed_origins.length ? dto.allowed_origins : null;
    await em.flush();
    return { success: true, key: toDto(key) };
  }

  /**
   * Revokes at once, everywhere (keys are checked against the database on every request). The account's
   * last active secret key stays: the owner would lock themselves out. Concurrent revocations of an
   * account's last two secret keys are serialised on the account row (AccountsService.lockForUpdate).
   */
  async revoke(auth: AuthContext, keyId: number): Promise<KeyResponseDto> {
    return this.em.fork().transactional(async (em) => {
      await this.accounts.lockForUpdate(em, auth.accountId);
      const key = await this.owned(em, auth, keyId);
      if (key.revokedAt === null) {
        if (key.kind === 'secret' && (await this.keys.countActiveSecret(em, auth.accountId)) <= 1) throw new LastSecretKeyError();
        key.revokedAt = new Date();
        await em.flush();
      }
      return { success: true as const, key: toDto(key) };
    });
  }

  private async owned(em: EntityManager, auth: AuthContext, keyId: number): Promise<ApiKey> {
    const key = Number.isSafeInteger(keyId) && keyId > 0 ? await this.keys.findOwned(em, auth.accountId, keyId) : null;
    if (!key) throw new NotFoundError(`No key ${keyId} in this account`);
    return key;
  }
}
