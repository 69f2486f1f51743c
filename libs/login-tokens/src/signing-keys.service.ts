import { MikroORM } from '@mikro-orm/core';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { AppConfig, ConfigValidationError, projectRoot } from '@faceauth/config';
import { databaseKind } from '@faceauth/database';
import { devSecretPath, readOrCreateDevSecret } from './dev-secret';
import { SigningKey } from './entities/signing-key.entity';
import { PRUNE_RETIRED_AFTER_MS, PublicSigningJwk, RETIRED_KEY_GRACE_MS } from './login-token.types';
import { generateSigningKey, publicKeyFromJwk, UnsealError, unsealPrivateKey } from './signing-key.crypto';
import { ActiveKeyConflict, SigningKeyRepository } from './signing-key.repository';

/** The configured secret does not open a stored key: the boot stops with this message (no stack, no key bytes). */
export class SigningSecretMismatchError extends ConfigValidationError {
  constructor(kid: string) {
    super(
      `Invalid configuration: FACEAUTH_SECRET does not decrypt the stored token-signing key ${kid}. Set the secret the key was ` +
        'created with (if it is lost, delete the rows of the signing_keys table: a new key is made at the next start and tokens in flight stop verifying).',
    );
  }
}

export interface Signer {
  kid: string;
  key: KeyObject;
}

export interface RotationResult {
  kid: string;
  retired: string[];
  pruned: number;
}

/**
 * The token-signing keys: the active one (created at first start), the retired ones that still verify, and
 * rotation. Signing reads which key is active on every call, so a rotation made by the CLI (another process)
 * takes effect at once; decrypted keys are cached by kid (rows never change but for retired_at).
 */
@Injectable()
export class SigningKeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger('login-tokens');
  private secret: string | null = null;
  private signer: Signer | null = null;
  private readonly publicKeys = new Map<string, KeyObject>();

  constructor(
    private readonly repository: SigningKeyRepository,
    private readonly config: AppConfig,
    private readonly orm: MikroORM,
  ) {}

  /** Runs after the migrations (module init): the first start creates the key pair; a wrong secret stops the boot. */
  async onApplicationBootstrap(): Promise<void> {
    const { kid } = await this.currentSigner();
    this.logger.log({ msg: 'token signing key ready', kid });
  }

  /** The active key, decrypted; created when there is none (two processes at once end with one). */
  async currentSigner(): Promise<Signer> {
    const row = (await this.repository.findActive()) ?? (await this.createFirstKey());
    if (this.signer?.kid !== row.kid) this.signer = { kid: row.kid, key: this.open(row) };
    return this.signer;
  }

  /** The public key of `kid` when it is active or retired recently enough for its tokens to be unexpired. */
  async verificationKey(kid: string, now = new Date()): Promise<KeyObject | null> {
    const row = await this.repository.findByKid(kid);
    if (!row || (row.retiredAt && row.retiredAt.getTime() + RETIRED_KEY_GRACE_MS <= now.getTime())) return null;
    let key = this.publicKeys.get(kid);
    if (!key) {
      key = publicKeyFromJwk(JSON.parse(row.publicJwk));
      this.publicKeys.set(kid, key);
    }
    return key;
  }

  /** The JWKS members: the active key and any retired key whose tokens may still be valid, newest first. */
  async publishedKeys(now = new Date()): Promise<PublicSigningJwk[]> {
    const rows = await this.repository.findPublished(new Date(now.getTime() - RETIRED_KEY_GRACE_MS));
    return rows.map((row) => {
      const { x } = JSON.parse(row.publicJwk) as { x: string };
      return { kid: row.kid, kty: 'OKP', crv: 'Ed25519', x, alg: 'EdDSA', use: 'sig' };
    });
  }

  /** Makes a new active key and retires the old one now; deletes keys retired over a day ago. */
  async rotate(now = new Date()): Promise<RotationResult> {
    const key = generateSigningKey(this.resolveSecret());
    try {
      const { retired, pruned } = await this.repository.rotate(key, now, new Date(now.getTime() - PRUNE_RETIRED_AFTER_MS));
      this.logger.log({ msg: 'token signing key rotated', kid: key.kid, retired, pruned });
      return { kid: key.kid, retired, pruned };
    } catch (error) {
      if (error instanceof ActiveKeyConflict) throw new Error('another rotation of the signing key ran at the same time: run it again');
      throw error;
    }
  }

  private async createFirstKey(): Promise<SigningKey> {
    try {
      await this.repository.insertActive(generateSigningKey(this.resolveSecret()), new Date());
    } catch (error) {
      if (!(error instanceof ActiveKeyConflict)) throw error;
      // Another process created it first: use theirs.
    }
    const row = await this.repository.findActive();
    if (!row) throw new Error('no active signing key after creating one');
    return row;
  }

  private open(row: SigningKey): KeyObject {
    const sealed = { salt: row.privateKeySalt, iv: row.privateKeyIv, tag: row.privateKeyTag, ciphertext: row.privateKeyCiphertext };
    try {
      return unsealPrivateKey(sealed, row.kid, this.resolveSecret());
    } catch (error) {
      if (error instanceof UnsealError) throw new SigningSecretMismatchError(row.kid);
      throw error;
    }
  }

  /** FACEAUTH_SECRET, or in development the generated one (see dev-secret.ts), resolved once per process. */
  private resolveSecret(): string {
    if (this.secret) return this.secret;
    if (this.config.secret) return (this.secret = this.config.secret);
    const sqliteFile = databaseKind(this.config.databaseUrl) === 'sqlite' ? String(this.orm.config.get('dbName')) : null;
    const path = devSecretPath(sqliteFile, projectRoot());
    const { secret, created } = readOrCreateDevSecret(path);
    this.logger.warn({
      msg: created
        ? 'FACEAUTH_SECRET is not set: generated a development secret to encrypt the token-signing key; set FACEAUTH_SECRET in production'
        : 'FACEAUTH_SECRET is not set: using the generated development secret; set FACEAUTH_SECRET in production',
      file: path,
    });
    return (this.secret = secret);
  }
}
