import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { AuthContext, NotFoundError, ValidationError } from '@faceauth/common';
import {
  DeleteSampleResponseDto,
  DeleteUserResponseDto,
  EnrolledUserDto,
  ListUsersQueryDto,
  UserListResponseDto,
  UserResponseDto,
} from './dto/users.dto';
import { normalizeName } from './enrolled-name';
import { EnrolledUser } from './entities/enrolled-user.entity';
import { FaceSample } from './entities/face-sample.entity';

/** Listing and erasing what an account has enrolled (GET/DELETE /users...). Always scoped to the caller. */
@Injectable()
export class UsersService {
  constructor(private readonly em: EntityManager) {}

  /** Oldest first, keyset-paginated on the id: pages stay stable while users are added. */
  async list(auth: AuthContext, query: ListUsersQueryDto): Promise<UserListResponseDto> {
    const afterId = query.cursor === undefined ? 0 : decodeCursor(query.cursor);
    const rows = await this.em.fork().find(
      EnrolledUser,
      { account: auth.accountId, id: { $gt: afterId } },
      { orderBy: { id: 'asc' }, limit: query.limit + 1, populate: ['sampleCount'] as never },
    );
    const page = rows.slice(0, query.limit);
    const next = rows.length > query.limit ? encodeCursor(page[page.length - 1].id) : null;
    return { success: true, users: page.map(toUserDto), next_cursor: next };
  }

  async get(auth: AuthContext, name: string): Promise<UserResponseDto> {
    const em = this.em.fork();
    const user = await this.findUser(em, auth, name);
    const samples = await em.find(FaceSample, { user }, { orderBy: { id: 'asc' } });
    return {
      success: true,
      user: {
        ...toUserDto(user),
        samples: samples.length,
        face_samples: samples.map((s) => ({ id: s.id, created_at: s.createdAt.toISOString(), detector_score: round3(s.detectorScore), liveness: s.liveness === null ? null : round3(s.liveness) })),
      },
    };
  }

  /** Erases the user and every template (the database cascades the samples). */
  deleteUser(auth: AuthContext, name: string): Promise<DeleteUserResponseDto> {
    return this.em.fork().transactional(async (em) => {
      const user = await this.findUser(em, auth, name);
      const samples = await em.count(FaceSample, { user });
      await em.nativeDelete(EnrolledUser, { id: user.id, account: auth.accountId });
      return { success: true, message: `User "${user.name}" and ${samples} face sample${samples === 1 ? '' : 's'} deleted`, deleted_samples: samples };
    });
  }

  /** Deletes one sample; deleting the last one deletes the user, who could no longer be verified. */
  deleteSample(auth: AuthContext, name: string, sampleId: number): Promise<DeleteSampleResponseDto> {
    return this.em.fork().transactional(async (em) => {
      const user = await this.findUser(em, auth, name);
      const sample = await em.findOne(FaceSample, { id: sampleId, user });
      if (!sample) throw new NotFoundError(`No face sample ${sampleId} enrolled under "${user.name}"`);
      const left = (await em.count(FaceSample, { user })) - 1;
      if (left === 0) {
        await em.nativeDelete(EnrolledUser, { id: user.id, account: auth.accountId });
        return { success: true, message: `Sample ${sampleId} was the last of "${user.name}": user deleted`, samples: 0, user_deleted: true };
      }
      em.remove(sample);
      user.updatedAt = new Date();
      await em.flush();
      return { success: true, message: `Sample ${sampleId} of "${user.name}" deleted`, samples: left, user_deleted: false };
    });
  }

  private async findUser(em: EntityManager, auth: AuthContext, name: string): Promise<EnrolledUser> {
    const user = await em.findOne(EnrolledUser, { account: auth.accountId, name: normalizeName(name) as string }, { populate: ['sampleCount'] as never });
    if (!user) throw new NotFoundError(`No user enrolled under "${name}"`);
    return user;
  }
}

function toUserDto(user: EnrolledUser): EnrolledUserDto {
  return {
    id: user.id,
    name: user.name,
    samples: user.sampleCount ?? 0,
    created_at: user.createdAt.toISOString(),
    updated_at: user.updatedAt.toISOString(),
  };
}

const round3 = (value: number): number => Math.round(value * 1000) / 1000;

/** The cursor is opaque to callers: base64url of the last id of the page. */
function encodeCursor(id: number): string {
  return Buffer.from(JSON.stringify({ id })).toString('base64url');
}

function decodeCursor(cursor: string): number {
  try {
    const { id } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Number.isSafeInteger(id) && id >= 0) return id;
  } catch {
    // fall through: any unreadable cursor gets the same answer
  }
  throw new ValidationError('Invalid cursor: pass the next_cursor of a previous page', { fields: { cursor: ['invalid cursor'] } });
}
