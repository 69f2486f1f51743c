import { EntityManager } from '@mikro-orm/core';
import { Injectable } from '@nestjs/common';
import { bufferToEmbedding } from '@faceauth/inference';
import { FaceSample } from './entities/face-sample.entity';

export interface EnrolledFaces {
  user: { id: number; name: string };
  embeddings: Float32Array[];
}

/** What verification reads: the templates of one named user of one account. */
@Injectable()
export class EnrolledFacesService {
  constructor(private readonly em: EntityManager) {}

  /** null when the account has no user of that name, or the user has no samples. */
  async find(accountId: number, name: string): Promise<EnrolledFaces | null> {
    const samples = await this.em.fork().find(
      FaceSample,
      { user: { account: accountId, name } },
      { populate: ['embedding', 'user'], strategy: 'joined', orderBy: { id: 'asc' } },
    );
    if (samples.length === 0) return null;
    const user = samples[0].user.unwrap();
    return { user: { id: user.id, name: user.name }, embeddings: samples.map((sample) => bufferToEmbedding(sample.embedding)) };
  }
}
