// Every call of @faceauth/client, in the order a site would use them, against a running server. Also the sample
// that test/openapi/sdk-package.e2e-spec.ts type-checks (strict, ES module and CommonJS) and runs from the packed
// tarball. Environment: FACEAUTH_URL, FACEAUTH_ISSUER (the server's PUBLIC_URL), FACEAUTH_ENROLL (three photo paths
// of one person, joined by the platform's path delimiter), FACEAUTH_LOGIN_PHOTO (another photo of that person),
// FACEAUTH_OTHER_PHOTO (someone else).
import { strict as assert } from 'node:assert';
import { delimiter } from 'node:path';
import {
  FaceAuthClient,
  FaceAuthError,
  InvalidTokenError,
  LastSecretKeyError,
  TokenAlreadyUsedError,
  type ApiKeyInfo,
  type ConfirmLoginResponse,
  type LoginTokenClaims,
  type StartLoginResponse,
} from '@faceauth/client';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

/** The error a call threw, or a failure when it did not throw. */
async function thrown(call: Promise<unknown>): Promise<unknown> {
  try {
    await call;
  } catch (error) {
    return error;
  }
  throw new Error('the call was expected to throw');
}

async function main(): Promise<void> {
  const baseUrl = env('FACEAUTH_URL');
  const issuer = env('FACEAUTH_ISSUER');
  const enrollPhotos = env('FACEAUTH_ENROLL').split(delimiter);
  const loginPhoto = env('FACEAUTH_LOGIN_PHOTO');
  const otherPhoto = env('FACEAUTH_OTHER_PHOTO');
  // Facing the camera, turned a little to the person's left, then right: the widget's guided enrollment.
  const posedPhotos = env('FACEAUTH_POSED').split(delimiter);
  // Another photo of that person facing the camera, then turned left, right and up: an active-liveness login.
  const [facing, turnLeft, turnRight, lookUp] = env('FACEAUTH_LIVE').split(delimiter);
  const peaks: Record<string, string> = { turn_left: turnLeft, turn_right: turnRight, look_up: lookUp };
  const done: string[] = [];

  // Account and health: no key needed.
  const anonymous = new FaceAuthClient({ baseUrl });
  const health = await anonymous.health();
  assert.equal(health.status, 'healthy');
  const account = await anonymous.register({ email: `sample-${Date.now()}-${process.pid}@example.com`, name: 'Sample' });
  const audience: string = account.user.public_id;
  const faceauth = new FaceAuthClient({ baseUrl, apiKey: account.api_key });
  done.push('health', 'register');

  // Faces.
  const enrolled = await faceauth.enroll('sheldon', enrollPhotos);
  assert.equal(enrolled.samples, enrollPhotos.length);
  const verified = await faceauth.verify('sheldon', loginPhoto);
  assert.equal(verified.match, true);
  const compared = await faceauth.match(loginPhoto, otherPhoto);
  assert.equal(compared.match, false);
  const { users } = await faceauth.listUsers({ limit: 10 });
  assert.deepEqual(users.map((user) => user.name), ['sheldon']);
  const { user } = await faceauth.getUser('sheldon');
  const usage = await faceauth.usage();
  assert.equal(usage.usage.enrolled_faces, 1);
  done.push('enroll', 'verify', 'match', 'listUsers', 'getUser', 'usage');

  // A login: started by the backend with its secret key, attempted with a photo, verified offline, confirmed once.
  const session: StartLoginResponse = await faceauth.startLogin({ userId: 'sheldon', nonce: 'browser-session-1', liveness: { mode: 'off' } });
  const attempt = await faceauth.attemptLogin(session, loginPhoto);
  assert.equal(attempt.status, 'match');
  const token = attempt.token;
  assert.ok(token);
  const claims: LoginTokenClaims = await faceauth.verifyLoginToken(token, { audience, nonce: 'browser-session-1', issuer });
  assert.equal(claims.sub, 'sheldon');
  assert.equal(claims.sid, session.session_id);
  const wrongNonce = await thrown(faceauth.verifyLoginToken(token, { audience, nonce: 'another-browser', issuer }));
  assert.ok(wrongNonce instanceof InvalidTokenError && wrongNonce.reason === 'nonce');
  const confirmed: ConfirmLoginResponse = await faceauth.confirmLogin(token);
  assert.equal(confirmed.user_id, 'sheldon');
  assert.equal(confirmed.nonce, 'browser-session-1');
  const replayed = await thrown(faceauth.confirmLogin(token));
  assert.ok(replayed instanceof TokenAlreadyUsedError);
  assert.ok(replayed instanceof FaceAuthError && replayed.code === 'TOKEN_ALREADY_USED' && replayed.status === 409);
  const audit = await faceauth.getLoginSession(session.session_id);
  assert.equal(audit.state, 'succeeded');
  done.push('startLogin', 'attemptLogin', 'verifyLoginToken', 'confirmLogin', 'TokenAlreadyUsedError', 'getLoginSession');

  // Keys: a publishable key for the widget, renamed, listed and revoked; the last secret key cannot go.
  const created = await faceauth.createKey({ kind: 'publishable', name: 'widget', allowedOrigins: ['https://shop.example.com'] });
  assert.ok(created.api_key.startsWith('fa_pub_'));
  const updated = await faceauth.updateKey(created.key.id, { name: 'storefront widget' });
  assert.equal(updated.key.name, 'storefront widget');
  const keys: ApiKeyInfo[] = (await faceauth.listKeys()).keys;
  const secret = keys.find((key) => key.kind === 'secret');
  assert.ok(secret);
  const revoked = await faceauth.revokeKey(created.key.id);
  assert.ok(revoked.key.revoked_at);
  const last = await thrown(faceauth.revokeKey(secret.id));
  assert.ok(last instanceof LastSecretKeyError && last.code === 'LAST_SECRET_KEY');
  done.push('createKey', 'updateKey', 'listKeys', 'revokeKey', 'LastSecretKeyError');

  // Enrollment through the widget: the backend starts it, photos go step by step, the backend checks it happened.
  const enrolling = await faceauth.startEnrollSession({ userId: 'posed' });
  for (const [step, file] of posedPhotos.entries()) {
    const answer = await faceauth.sendEnrollPhoto(enrolling, step, file);
    assert.equal(answer.accepted, true);
  }
  assert.equal((await faceauth.getEnrollSession(enrolling.session_id)).status, 'enrolled');
  done.push('startEnrollSession', 'sendEnrollPhoto', 'getEnrollSession');

  // Active liveness (the default): the challenge, each step's frames as the person moves, then the attempt.
  const live = await faceauth.startLogin({ userId: 'posed' });
  const { mode, challenge } = await faceauth.getLoginChallenge(live);
  assert.equal(mode, 'active');
  for (const [step, { movement }] of (challenge?.steps ?? []).entries()) {
    await new Promise((resolve) => setTimeout(resolve, 450));
    await faceauth.sendLivenessFrames(live, step, [facing, peaks[movement], peaks[movement]]);
  }
  const passed = await faceauth.attemptLogin(live);
  assert.equal(passed.match, true, JSON.stringify(passed.liveness));
  await faceauth.deleteUser('posed');
  done.push('getLoginChallenge', 'sendLivenessFrames');

  // Clean up the faces.
  const sample = await faceauth.deleteSample('sheldon', user.face_samples[0].id);
  assert.equal(sample.user_deleted, false);
  await faceauth.deleteUser('sheldon');
  done.push('deleteSample', 'deleteUser');

  // The types are the API's, not `any`:
  // @ts-expect-error a key is secret or publishable
  void (() => faceauth.createKey({ kind: 'admin' }));
  // @ts-expect-error claims are typed
  void ((c: LoginTokenClaims): number => c.sub);

  console.log(JSON.stringify({ ok: true, done }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
