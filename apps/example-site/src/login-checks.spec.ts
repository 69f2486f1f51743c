import { refuseConfirmation } from './login-checks';
import { Confirmation } from './faceauth-backend';

describe(refuseConfirmation.name, () => {
  const confirmation: Confirmation = { valid: true, user_id: 'sheldon', session_id: 'ls_1', nonce: 'n-1', verified_at: '2026-01-01T00:00:00Z', liveness: { mode: 'active', passed: true } };
  const expected = { userId: 'sheldon', nonce: 'n-1' };

  it('accepts the user this browser asked for with its nonce', () => {
    expect(refuseConfirmation(confirmation, expected)).toBeNull();
  });

  it("refuses another user's token, another browser's nonce and a token without a nonce", () => {
    expect(refuseConfirmation({ ...confirmation, user_id: 'penny' }, expected)).toMatch(/another user/);
    expect(refuseConfirmation({ ...confirmation, nonce: 'n-2' }, expected)).toMatch(/another browser/);
    expect(refuseConfirmation({ ...confirmation, nonce: null }, expected)).toMatch(/another browser/);
  });

  it('refuses a login that did not pass liveness (a session run with liveness off)', () => {
    expect(refuseConfirmation({ ...confirmation, liveness: { mode: 'off', passed: null } }, expected)).toMatch(/liveness/);
  });
});
