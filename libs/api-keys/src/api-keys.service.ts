import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { Account } from '@faceauth/accounts';
import { AuthContext } from '@faceauth/common';
import { generateApiKey, hashApiKey, hashesEqual, KeyKind, looksLikeApiKey, maskKey } from './api-key.crypto';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKey } from './entities/api-key.entity';
import { sessionSecretMatches } from './session-credentials';

/** A checked key: who calls, and what the key allows. */
export interface AuthenticatedKey {
  auth: AuthContext;
  /** Publishable keys: the origins a request must come from; null = any. */
  allowedOrigins: string[] | null;
}

/** A key of an account as other features see it (login sessions name the key that started them). */
export interface KeyDescription {
  accountPublicId: string;
  plan: string;
  keyKind: KeyKind;
  maskedKey: string;
  revoked: boolean;
}

/** Last-use times are written at most this often per key and process: a write per request would cost more than the check. */
const LAST_USED_RESOLUTION_MS = 60_000;

@Injectable()
export class ApiKeysService {
  private readonly lastUsedWritten = new Map<number, number>();

  constructor(private readonly keys: ApiKeysRepository) {}

  /** Creates a key for an account inside the caller's unit of work; returns the full key (shown once). */
  issue(em: EntityManager, account: Account, kind: KeyKind = 'secret', fields: { name?: string | null; allowedOrigins?: string[] | null } = {}): { key: string; entity: ApiKey } {
    const issued = generateApiKey(kind);
    const entity = em.create(ApiKey, {
      account,
      kind,
      name: fields.name ?? null,
      allowedOrigins: fields.allowedOrigins?.length ? fields.allowedOrigins : null,
      keyHash: issued.hash,
      displayPrefix: issued.displayPrefix,
      displaySuffix: issued.displaySuffix,
    });
    return { key: issued.key, entity };
  }

  /**
   * The caller behind a key, or null when the key is unknown, malformed or revoked. Not cached, so a
   * revocation or a plan change applies to the very next request, on every process.
   */
  async authenticate(key: string): Promise<AuthenticatedKey | null> {
    if (!looksLikeApiKey(key)) return null;
    const hash = hashApiKey(key);
    const row = await this.keys.findActiveByHash(hash);
    if (!row || !hashesEqual(row.key_hash, hash)) return null;
    const keyId = Number(row.id);
    this.touch(keyId);
    return {
      auth: {
        accountId: Number(row.account_id),
        accountPublicId: row.public_id,
        keyId,
        keyKind: row.kind,
        plan: row.plan,
        maskedKey: maskKey(row.display_prefix, row.display_suffix),
      },
      allowedOrigins: parseOrigins(row.allowed_origins),
    };
  }

  /** A key of the account by id, revoked or not, with its account's plan and public id; null when there is none. */
  async describe(accountId: number, keyId: number): Promise<KeyDescription | null> {
    const row = await this.keys.describe(accountId, keyId);
    if (!row) return null;
    return {
      accountPublicId: row.public_id,
      plan: row.plan,
      keyKind: row.kind,
      maskedKey: maskKey(row.display_prefix, row.display_suffix),
      // A disabled account's keys are as good as revoked (its login sessions in flight stop too).
      revoked: row.revoked_at !== null || row.disabled_at !== null,
    };
  }

  /**
   * Who a session's client secret speaks for: the account and the key that started the session, while that key
   * is live and the secret matches; else null (the caller answers unknown sessions and wrong secrets alike).
   */
  async sessionCaller(session: { accountId: number; keyId: number; clientSecretHash: string }, secret: string): Promise<AuthContext | null> {
    const key = await this.describe(session.accountId, session.keyId);
    if (!key || key.revoked || !sessionSecretMatches(secret, session.clientSecretHash)) return null;
    return { accountId: session.accountId, accountPublicId: key.accountPublicId, keyId: session.keyId, keyKind: key.keyKind, plan: key.plan, maskedKey: key.maskedKey };
  }

  /** The account's live (unrevoked) key given in full, as an id and its masked form; null for an unknown, malformed or revoked key. */
  async findLiveKey(accountId: number, key: string): Promise<{ id: number; masked: string } | null> {
    if (!looksLikeApiKey(key)) return null;
    const entity = await this.keys.findLiveOwned(accountId, hashApiKey(key));
    return entity && { id: entity.id, masked: entity.masked };
  }

  private touch(keyId: number): void {
    const now = Date.now();
    if (now - (this.lastUsedWritten.get(keyId) ?? 0) < LAST_USED_RESOLUTION_MS) return;
    this.lastUsedWritten.set(keyId, now);
    // Best effort: a failed last-use write must not fail the call it describes.
    this.keys.markUsed(keyId, new Date(now)).catch(() => this.lastUsedWritten.delete(keyId));
  }
}

/** JSON columns come back parsed from PostgreSQL and as text from SQLite. */
function parseOrigins(value: string | string[] | null): string[] | null {
  if (value === null || value === undefined) return null;
  const origins = typeof value === 'string' ? (JSON.parse(value) as string[] | null) : value;
  return origins && origins.length > 0 ? origins : null;
}
