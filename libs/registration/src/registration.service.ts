import { EntityManager, UniqueConstraintViolationException } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AccountsService } from '@faceauth/accounts';
import { ApiKeysService } from '@faceauth/api-keys';
import { EmailExistsError } from '@faceauth/common';
import { RegisterDto, RegisterResponseDto } from './dto/register.dto';

/**
 * POST /register: an account and its first keys. Here, above both features, because it needs both: api-keys
 * depends on accounts (a key belongs to an account), so accounts cannot issue keys itself.
 */
@Injectable()
export class RegistrationService {
  constructor(
    private readonly em: EntityManager,
    private readonly accounts: AccountsService,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** Creates the account and its first keys (one of each kind) in one transaction; the unique email index settles races. */
  async register(dto: RegisterDto): Promise<RegisterResponseDto> {
    try {
      return await this.em.fork().transactional(async (em) => {
        const account = this.accounts.create(em, { email: dto.email, name: dto.name });
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
}
