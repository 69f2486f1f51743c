import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { SigningKey } from './entities/signing-key.entity';
import { NewSigningKey } from './signing-key.crypto';

/** Another key became active while this one was being stored (a concurrent first start or rotation). */
export class ActiveKeyConflict extends Error {}

function toRow(key: NewSigningKey, now: Date): Omit<SigningKey, 'id'> {
  return {
    kid: key.kid,
    algorithm: 'EdDSA',
    publicJwk: JSON.stringify(key.publicJwk),
    privateKeyCiphertext: key.sealed.ciphertext,
    privateKeyIv: key.sealed.iv,
    privateKeyTag: key.sealed.tag,
    privateKeySalt: key.sealed.salt,
    createdAt: now,
    retiredAt: null,
  };
}

/**
 * The signing_keys table. Each call forks its own EntityManager: keys are read at boot, from the CLI and
 * inside requests alike, and a row must never be served from a stale identity map.
 */
@Injectable()
export class SigningKeyRepository {
  constructor(private readonly em: EntityManager) {}

  findActive(): Promise<SigningKey | null> {
    return this.em.fork().findOne(SigningKey, { retiredAt: null });
  }

  findByKid(kid: string): Promise<SigningKey | null> {
    return this.em.fork().findOne(SigningKey, { kid });
  }

  /** The active key and those retired after `retiredAfter`, newest first. */
  findPublished(retiredAfter: Date): Promise<SigningKey[]> {
    return this.em.fork().find(
      SigningKey,
      { $or: [{ retiredAt: null }, { retiredAt: { $gt: retiredAfter } }] },
      { orderBy: { createdAt: 'desc', id: 'desc' } },
    );
  }

  /** Stores `key` as the active key; throws ActiveKeyConflict when one is already active (the partial unique index). */
  async insertActive(key: NewSigningKey, now: Date): Promise<void> {
    await this.uniqueOrConflict(() => this.em.fork().insert(SigningKey, toRow(key, now)));
  }

  /** In one transaction: retires the active key at `now`, stores `key` as active, deletes keys retired before `pruneBefore`. */
  async rotate(key: NewSigningKey, now: Date, pruneBefore: Date): Promise<{ retired: string[]; pruned: number }> {
    return this.uniqueOrConflict(() =>
      this.em.fork().transactional(async (tx) => {
        const active = await tx.find(SigningKey, { retiredAt: null }, { fields: ['kid'] });
        await tx.nativeUpdate(SigningKey, { retiredAt: null }, { retiredAt: now });
        await tx.insert(SigningKey, toRow(key, now));
        const pruned = await tx.nativeDelete(SigningKey, { retiredAt: { $lt: pruneBefore } });
        return { retired: active.map((row) => row.kid), pruned };
      }),
    );
  }

  private async uniqueOrConflict<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      // The driver's message quotes the statement with its values: do not pass it on.
      if (error instanceof UniqueConstraintViolationException) throw new ActiveKeyConflict('another signing key is already active');
      throw error;
    }
  }
}
