import { basename } from 'node:path';
import TestAgent from 'supertest/lib/agent';
import { photo } from '../face-routes/support';

export interface StartedSession {
  session_id: string;
  client_secret: string;
  user_id: string;
  expires_at: string;
}

/** POST /login-sessions with a key (secret or publishable) and optional Origin. */
export function startSession(http: TestAgent, key: string, body: Record<string, unknown>, origin?: string) {
  let req = http.post('/api/v1/login-sessions').set('X-API-Key', key);
  if (origin) req = req.set('Origin', origin);
  return req.send(body);
}

/** A secret-key session with liveness off (one frame). */
export async function startOffSession(http: TestAgent, key: string, userId: string, nonce?: string): Promise<StartedSession> {
  const res = await startSession(http, key, { user_id: userId, nonce, liveness: { mode: 'off' } }).expect(201);
  return res.body;
}

/** POST /login-sessions/{id}/attempts with the client secret and one frame. */
export function attempt(http: TestAgent, session: Pick<StartedSession, 'session_id' | 'client_secret'>, image: string) {
  return http
    .post(`/api/v1/login-sessions/${session.session_id}/attempts`)
    .set('Authorization', `Bearer ${session.client_secret}`)
    .attach('frame0', photo(image), basename(image));
}

export function confirm(http: TestAgent, key: string, token: string) {
  return http.post('/api/v1/login-sessions/confirm').set('X-API-Key', key).send({ token });
}
