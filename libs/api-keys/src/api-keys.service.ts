import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Account } from '@faceauth/accounts/entities/account.entity';
import { AuthContext } from '@faceauth/common';
import { generateApiKey, hashApiKey, hashesEqual, looksLikeApiKey, maskKey } from './api-key.crypto';
import { ApiKey } from './entities/api-key.entity';

interface KeyRow {
  id: number | string;
  key_hash: string;
  display_prefix: string;
  display_suffix: string;
  account_id: number | string;
  plan: string;
}

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

  /**
   * The caller behind a key, or null when the key is unknown, malformed or revoked. One plain SQL query by
   * the unique hash index: it runs on every request, and loading the key and its account as entities cost
   * ~1.4 ms of event-loop time per request (docs/performance.md). Not cached, so a revocation or a plan
   * change applies to the very next request.
   */
  async authenticate(key: string): Promise<AuthContext | null> {
    if (!looksLikeApiKey(key)) return null;
    const hash = hashApiKey(key);
    const rows: KeyRow[] = await this.em.getConnection().execute(
      'select k.id, k.key_hash, k.display_prefix, k.display_suffix, k.account_id, a.plan from api_keys k ' +
        'join accounts a on a.id = k.account_id where k.key_hash = ? and k.revoked_at is null',
      [hash],
    );
    const row = rows[0];
    if (!row || !hashesEqual(row.key_hash, hash)) return null;
    return { accountId: Number(row.account_id), keyId: Number(row.id), plan: row.plan, maskedKey: maskKey(row.display_prefix, row.display_suffix) };
  }

  async revoke(keyId: number): Promise<void> {
    await this.em.fork().nativeUpdate(ApiKey, { id: keyId, revokedAt: null }, { revokedAt: new Date() });
  }
}
