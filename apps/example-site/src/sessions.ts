import { randomBytes } from 'node:crypto';

const randomId = () => randomBytes(32).toString('base64url');

/** A login in progress in one browser: its nonce, and the user it last asked to sign in as. */
export interface LoginFlow {
  nonce: string;
  username?: string;
  expiresAt: number;
}

/** A signed-in browser. */
export interface SiteSession {
  username: string;
  expiresAt: number;
}

/** Server-side records keyed by a random cookie value; the cookie itself carries nothing else. */
export class SessionStore<T extends { expiresAt: number }> {
  private readonly records = new Map<string, T>();

  constructor(readonly lifetimeMs: number) {}

  create(record: Omit<T, 'expiresAt'>): { id: string; record: T } {
    const id = randomId();
    const full = { ...record, expiresAt: Date.now() + this.lifetimeMs } as T;
    this.records.set(id, full);
    return { id, record: full };
  }

  get(id: string | undefined): T | undefined {
    const record = id ? this.records.get(id) : undefined;
    if (!record || record.expiresAt > Date.now()) return record;
    this.records.delete(id!);
    return undefined;
  }

  delete(id: string | undefined): void {
    if (id) this.records.delete(id);
  }
}

/** A fresh nonce for a login flow: random, so it binds the FaceAuth login to this browser's flow cookie. */
export const newNonce = randomId;
