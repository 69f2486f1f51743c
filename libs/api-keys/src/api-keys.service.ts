import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Account } from '@faceauth/accounts/entities/account.entity';
import { AuthContext } from '@faceauth/common';
import { generateApiKey, hashApiKey, hashesEqual, looksLikeApiKey } from './api-key.crypto';
import { ApiKey } from './entities/api-key.entity';

@Injectable()
export class ApiKeysService {
  constructor(private readonly em: EntityManager) {}

  /** Creates a key for an account inside the caller's unit of work; returns the full key (shown once). */
  issue(em: EntityManager, account: Account): string {
    const issued = generateApiKey();
    em.create(ApiKey, {
      account,
      keyHash: issued.hash,
      displayPrefix: issued.displayPrefix,
      displaySuffix: issued.displaySuffix,
    });
    return issued.key;
  }

  /** The caller behind a key, or null when the key is unknown, malformed or revoked. */
  async authenticate(key: string): Promise<AuthContext | null> {
    if (!looksLikeApiKey(key)) return null;
    const hash = hashApiKey(key);
    const row = await this.em.fork().findOne(ApiKey, { keyHash: hash }, { populate: ['account'] });
    if (!row || row.revokedAt || !hashesEqual(row.keyHash, hash)) return null;
    const account = row.account.getEntity();
    return { accountId: account.id, keyId: row.id, plan: account.plan, maskedKey: row.masked };
  }

  async revoke(keyId: number): Promise<void> {
    await this.em.fork().nativeUpdate(ApiKey, { id: keyId, revokedAt: null }, { revokedAt: new Date() });
  }
}
