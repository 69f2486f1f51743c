import { Injectable } from '@nestjs/common';
import { AppConfig } from '@faceauth/config';
import { RegistrationStateRepository } from './registration-state.repository';

export interface RegistrationStatus {
  /** Whether POST /register accepts new accounts now. */
  open: boolean;
  /** REGISTRATION: `closed` closes it whatever the CLI set. */
  configured: 'open' | 'closed';
  /** What `registration open|close` last stored, and when; null if never. */
  stored: { open: boolean; at: Date } | null;
}

/**
 * Open or closed registration: closed when REGISTRATION=closed (the configuration is a floor the CLI cannot
 * lift) or when the operator closed it with the CLI (stored in the database, followed by every replica at once).
 */
@Injectable()
export class RegistrationSwitch {
  constructor(
    private readonly config: AppConfig,
    private readonly state: RegistrationStateRepository,
  ) {}

  async status(): Promise<RegistrationStatus> {
    const row = await this.state.stored();
    const configured = this.config.registration.open ? 'open' : 'closed';
    return { open: configured === 'open' && (row?.open ?? true), configured, stored: row ? { open: row.open, at: row.updatedAt } : null };
  }

  async isOpen(): Promise<boolean> {
    if (!this.config.registration.open) return false;
    return (await this.state.stored())?.open ?? true;
  }

  async set(open: boolean): Promise<RegistrationStatus> {
    await this.state.store(open);
    return this.status();
  }
}
