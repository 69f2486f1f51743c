import { basename } from 'node:path';
import TestAgent from 'supertest/lib/agent';
import { datasetPath } from '../factories/datasets';
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

/** Photos of one person facing the camera and at the end of each challenge movement. */
export interface PosedPerson {
  facing: string;
  peak: Record<string, string>;
}

/** CelebA id07372: yaw +30 / -34 and pitch +33 degrees from the frontal photo (scripts' head pose); enrolled from `enroll`. */
export const POSED_A: PosedPerson & { enroll: string[] } = {
  facing: datasetPath('celeba_dev', 'id07372', '029198.jpg'),
  peak: {
    turn_left: datasetPath('celeba_dev', 'id07372', '159575.jpg'),
    turn_right: datasetPath('celeba_dev', 'id07372', '054553.jpg'),
    look_up: datasetPath('celeba_dev', 'id07372', '144504.jpg'),
  },
  enroll: ['037528.jpg', '147433.jpg', '034840.jpg'].map((f) => datasetPath('celeba_dev', 'id07372', f)),
};

/** POST /login-sessions/{id}/frames: one challenge step's frames, authorized by the client secret. */
export function postFrames(http: TestAgent, session: Pick<StartedSession, 'session_id' | 'client_secret'>, step: number | string, frames: Buffer[]) {
  let req = http.post(`/api/v1/login-sessions/${session.session_id}/frames`).set('Authorization', `Bearer ${session.client_secret}`).field('step', String(step));
  frames.forEach((bytes, i) => (req = req.attach(`frame${i}`, bytes, `frame${i}.jpg`)));
  return req;
}

/**
 * An active-liveness login through the API, as the widget runs it: for each step of the session's challenge
 * (read with the client secret), a moment for the person, then the frames (facing, turned, turned); then the
 * attempt. Resolves with the attempt's answer (HTTP 200).
 */
export async function performActiveLogin(http: TestAgent, session: Pick<StartedSession, 'session_id' | 'client_secret'>, who: PosedPerson) {
  const auth = `Bearer ${session.client_secret}`;
  const { body } = await http.get(`/api/v1/login-sessions/${session.session_id}/challenge`).set('Authorization', auth).expect(200);
  for (const [i, step] of (body.challenge.steps as Array<{ movement: string }>).entries()) {
    await new Promise((resolve) => setTimeout(resolve, 450));
    await postFrames(http, session, i, [who.facing, who.peak[step.movement], who.peak[step.movement]].map((file) => photo(file))).expect(200);
  }
  return http.post(`/api/v1/login-sessions/${session.session_id}/attempts`).set('Authorization', auth).send({}).expect(200);
}
