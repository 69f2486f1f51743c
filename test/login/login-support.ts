import { basename } from 'node:path';
import TestAgent from 'supertest/lib/agent';
import { datasetPath } from '../factories/datasets';
import { photo } from '../face-routes/support';
import { performActiveLogin as runActiveLogin, posedA, PosedPerson } from '../../scripts/liveness/lib/active-login';

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

export type { PosedPerson } from '../../scripts/liveness/lib/active-login';

/** CelebA id07372 facing, at the end of each movement, and its enrollment photos (scripts/liveness/lib/active-login.ts). */
export const POSED_A = posedA(datasetPath);

/** POST /login-sessions/{id}/frames: one challenge step's frames, authorized by the client secret. */
export function postFrames(http: TestAgent, session: Pick<StartedSession, 'session_id' | 'client_secret'>, step: number | string, frames: Buffer[]) {
  let req = http.post(`/api/v1/login-sessions/${session.session_id}/frames`).set('Authorization', `Bearer ${session.client_secret}`).field('step', String(step));
  frames.forEach((bytes, i) => (req = req.attach(`frame${i}`, bytes, `frame${i}.jpg`)));
  return req;
}

/**
 * An active-liveness login through the API, as the widget runs it (scripts/liveness/lib/active-login.ts, which
 * the API benchmark runs too): for each step of the session's challenge (read with the client secret), a moment
 * for the person, then the frames (facing, turned, turned); then the attempt. Resolves with the attempt's answer (HTTP 200).
 */
export function performActiveLogin(http: TestAgent, session: Pick<StartedSession, 'session_id' | 'client_secret'>, who: PosedPerson) {
  const auth = `Bearer ${session.client_secret}`;
  return runActiveLogin(
    {
      challenge: async () => (await http.get(`/api/v1/login-sessions/${session.session_id}/challenge`).set('Authorization', auth).expect(200)).body.challenge,
      postFrames: (step, frames) => postFrames(http, session, step, frames).expect(200),
      attempt: () => http.post(`/api/v1/login-sessions/${session.session_id}/attempts`).set('Authorization', auth).send({}).expect(200),
    },
    who,
    photo,
  );
}
