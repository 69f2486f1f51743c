import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import type { KeyKind } from './api-key.crypto';
import { ApiKey } from './entities/api-key.entity';

export interface ActiveKeyRow {
  id: number | string;
  kind: KeyKind;
  key_hash: string;
  display_prefix: string;
  display_suffix: string;
  allowed_origins: string | string[] | null;
  account_id: number | string;
  public_id: string;
  plan: string;
}

/** A key with what callers of other features need about it and its account (plan, public id). */
export interface KeyDescriptionRow {
  kind: KeyKind;
  display_prefix: string;
  display_suffix: string;
  revoked_at: unknown;
  disabled_at: unknown;
  public_id: string;
  plan: string;
}

/**
 * The queries of the keys feature. Allowed exception to "a feature reads only its own tables" (also listed in
 * eslint.config.mjs, rule faceauth/own-tables): the lookups of a key by hash or id join the key's account
 * for its plan and public id. They run on every request (or every login attempt), and one query per request
 * is the budget; the join follows the api_keys -> accounts reference that api-keys owns (ApiKey.account), and
 * accounts' columns are read, never written.
 */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * One plain SQL query by the unique hash index: it runs on every request, and loading the key and its
   * account as entities cost ~1.4 ms of event-loop time per request (docs/performance.md). The join
   * reads the plan and public id of the key's account (accounts and keys are created together).
   */
  async findActiveByHash(hash: string): Promise<ActiveKeyRow | undefined> {
    const rows: ActiveKeyRow[] = await this.em.getConnection().execute(
      'select k.id, k.kind, k.key_hash, k.display_prefix, k.display_suffix, k.allowed_origins, k.account_id, a.public_id, a.plan ' +
        'from api_keys k join accounts a on a.id = k.account_id where k.key_hash = ? and k.revoked_at is null and a.disabled_at is null',
      [hash],
    );
    return rows[0];
  }

  /** Any key of the account by id, revoked ones included, with its account's plan and public id (one query). */
  async describe(accountId: number, keyId: number): Promise<KeyDescriptionRow | undefined> {
    const rows: KeyDescriptionRow[] = await this.em.getConnection().execute(
      'select a.plan, a.public_id, a.disabled_at, k.kind, k.display_prefix, k.display_suffix, k.revoked_at from accounts a join api_keys k on k.account_id = a.id where a.id = ? and k.id = ?',
      [accountId, keyId],
    );
    return rows[0];
  }

  /** The account's unrevoked key with this hash, or null. */
  findLiveOwned(accountId: number, keyHash: string): Promise<ApiKey | null> {
    return this.em.fork().findOne(ApiKey, { keyHash, account: accountId, revokedAt: null });
  }

  async markUsed(keyId: number, at: Date): Promise<void> {
    await this.em.fork().nativeUpdate(ApiKey, { id: keyId }, { lastUsedAt: at });
  }

  /** Every key of the account, newest first, revoked ones included (audit). */
  list(accountId: number): Promise<ApiKey[]> {
    return this.em.fork().find(ApiKey, { account: accountId }, { orderBy: { id: 'desc' } });
  }

  findOwned(em: EntityManager, accountId: number, keyId: number): Promise<ApiKey | null> {
    return em.findOne(ApiKey, { id: keyId, account: accountId });
  }

  countActiveSecret(em: EntityManager, accountId: number): Promise<number> {
    return em.count(ApiKey, { account: accountId, kind: 'secret', revokedAt: null });
  }
}
