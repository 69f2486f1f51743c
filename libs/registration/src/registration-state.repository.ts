import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { RegistrationState } from './entities/registration-state.entity';

const ROW = 1;

/** The registration_state table. Each call forks its own EntityManager: read per POST /register, written by the CLI. */
@Injectable()
export class RegistrationStateRepository {
  constructor(private readonly em: EntityManager) {}

  /** The operator's last word, or null when the CLI never set it. */
  async stored(): Promise<RegistrationState | null> {
    return this.em.fork().findOne(RegistrationState, { id: ROW });
  }

  async store(open: boolean, now = new Date()): Promise<void> {
    await this.em.fork().upsert(RegistrationState, { id: ROW, open, updatedAt: now });
  }
}
