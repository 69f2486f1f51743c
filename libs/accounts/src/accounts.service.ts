import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { NotFoundError } from '@faceauth/common';
import { AppConfig, PLAN_NAMES, PlanName } from '@faceauth/config';
import { databaseKind } from '@faceauth/database';
import { Account } from './entities/account.entity';
import { normalizeEmail } from './normalize-email';

@Injectable()
export class AccountsService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
  ) {}

  /** A new account on the free plan, inside the caller's unit of work (registration adds its keys in the same one). */
  create(em: EntityManager, fields: { email: string; name: string }): Account {
    return em.create(Account, { email: fields.email, name: fields.name, plan: 'free' });
  }

  /**
   * Serialises concurrent writers on the account row until the caller's transaction ends (PostgreSQL; SQLite
   * has one writer, so there is nothing to lock).
   */
  async lockForUpdate(em: EntityManager, accountId: number): Promise<void> {
    if (databaseKind(this.config.databaseUrl) === 'postgresql') {
      await em.getConnection().execute('select id from accounts where id = ? for update', [accountId]);
    }
  }

  /** Operator commands: every account, oldest first. */
  list(): Promise<Account[]> {
    return this.em.fork().find(Account, {}, { orderBy: { id: 'asc' } });
  }

  /** Operator commands: the account of an email (any letter case), or NOT_FOUND. */
  async findByEmail(email: string): Promise<Account> {
    const account = await this.em.fork().findOne(Account, { email: email.trim().normalize('NFC').toLowerCase() });
    if (!account) throw new NotFoundError(`No account with email ${email}`);
    return account;
  }

  /** Operator commands: disable (every key answers 401 INVALID_API_KEY at once) or enable an account again. */
  async setDisabled(email: string, disabled: boolean): Promise<Account> {
    const em = this.em.fork();
    const account = await em.findOne(Account, { email: normalizeEmail(email) });
    if (!account) throw new NotFoundError(`No account with email ${email}`);
    account.disabledAt = disabled ? (account.disabledAt ?? new Date()) : null;
    await em.flush();
    return account;
  }

  /** Operator command: move an account to another plan. */
  async setPlan(email: string, plan: string): Promise<Account> {
    if (!PLAN_NAMES.includes(plan as PlanName)) {
      throw new NotFoundError(`Unknown plan "${plan}"; plans: ${PLAN_NAMES.join(', ')}`);
    }
    const em = this.em.fork();
    const account = await em.findOne(Account, { email: normalizeEmail(email) });
    if (!account) throw new NotFoundError(`No account with email ${email}`);
    account.plan = plan;
    await em.flush();
    return account;
  }
}
