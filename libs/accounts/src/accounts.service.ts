import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { ApiKeysService } from '@faceauth/api-keys/api-keys.service';
import { EmailExistsError, NotFoundError } from '@faceauth/common';
import { PLAN_NAMES, PlanName } from '@faceauth/config';
import { RegisterDto, RegisterResponseDto } from './dto/register.dto';
import { Account } from './entities/account.entity';
import { normalizeEmail } from './normalize-email';

@Injectable()
export class AccountsService {
  constructor(
    private readonly em: EntityManager,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** Creates the account and its first keys (one of each kind) in one transaction; the unique email index settles races. */
  async register(dto: RegisterDto): Promise<RegisterResponseDto> {
    try {
      return await this.em.fork().transactional(async (em) => {
        const account = em.create(Account, { email: dto.email, name: dto.name, plan: 'free' });
        const secret = this.apiKeys.issue(em, account, 'secret', { name: 'default secret key' });
        const publishable = this.apiKeys.issue(em, account, 'publishable', { name: 'default publishable key' });
        await em.flush();
        const { id, email, name, plan, publicId } = account;
        return { success: true as const, api_key: secret.key, publishable_key: publishable.key, user: { id, public_id: publicId, email, name, plan } };
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw new EmailExistsError();
      throw error;
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
