import { randomBytes } from 'node:crypto';
import TestAgent from 'supertest/lib/agent';

export interface RegisteredAccount {
  /** The secret key. */
  apiKey: string;
  publishableKey: string;
  /** The account's public id: the audience of its login tokens. */
  publicId: string;
  id: number;
  email: string;
}

export function uniqueEmail(prefix = 'dev'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}@example.com`;
}

/** Registers an account through POST /register and returns its keys. */
export async function registerAccount(http: TestAgent, name = 'Test Developer'): Promise<RegisteredAccount> {
  const email = uniqueEmail();
  const res = await http.post('/api/v1/register').send({ email, name }).expect(201);
  return { apiKey: res.body.api_key, publishableKey: res.body.publishable_key, publicId: res.body.user.public_id, id: res.body.user.id, email };
}
