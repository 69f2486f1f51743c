import type { AppConfig } from '@faceauth/config';
import { RegistrationState } from './entities/registration-state.entity';
import { RegistrationStateRepository } from './registration-state.repository';
import { RegistrationSwitch } from './registration-switch';

/** A switch over an in-memory row and a configured REGISTRATION. */
function switchWith(configuredOpen: boolean, row: RegistrationState | null = null) {
  let stored = row;
  const repository = {
    stored: async () => stored,
    store: async (open: boolean, now = new Date()) => void (stored = { id: 1, open, updatedAt: now }),
  } as unknown as RegistrationStateRepository;
  return new RegistrationSwitch({ registration: { open: configuredOpen } } as AppConfig, repository);
}

describe(RegistrationSwitch.name, () => {
  it('is open by default: REGISTRATION=open and nothing stored', async () => {
    const registration = switchWith(true);
    expect(await registration.isOpen()).toBe(true);
    expect(await registration.status()).toEqual({ open: true, configured: 'open', stored: null });
  });

  it('follows what the operator stored while REGISTRATION=open', async () => {
    const registration = switchWith(true);
    expect(await registration.set(false)).toMatchObject({ open: false, configured: 'open', stored: { open: false, at: expect.any(Date) } });
    expect(await registration.isOpen()).toBe(false);
    await registration.set(true);
    expect(await registration.isOpen()).toBe(true);
  });

  it('stays closed under REGISTRATION=closed whatever is stored', async () => {
    const registration = switchWith(false, { id: 1, open: true, updatedAt: new Date() });
    expect(await registration.isOpen()).toBe(false);
    expect(await registration.status()).toMatchObject({ open: false, configured: 'closed', stored: { open: true } });
  });
});
