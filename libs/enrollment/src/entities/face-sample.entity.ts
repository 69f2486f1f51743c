import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Ref } from '@mikro-orm/core';
// eslint-disable-next-line import-x/no-cycle -- a two-way ORM relation; MikroORM resolves it lazily (() => EnrolledUser).
import { EnrolledUser } from './enrolled-user.entity';

/** One face template of an enrolled user. The photo itself is never stored. */
@Entity({ tableName: 'face_samples' })
export class FaceSample {
  [OptionalProps]?: 'createdAt' | 'liveness';

  @PrimaryKey({ type: 'integer', autoincrement: true })
  id!: number;

  @ManyToOne(() => EnrolledUser, { ref: true, nullable: false, deleteRule: 'cascade' })
  @Index({ name: 'face_samples_user_idx' })
  user!: Ref<EnrolledUser>;

  /** L2-normalised embedding: 512 little-endian float32 values (2048 bytes). Lazy: listings never load it. */
  @Property({ type: 'blob', nullable: false, lazy: true })
  embedding!: Buffer;

  /** Detector probability of the face, 0..1. */
  @Property({ type: 'float', nullable: false })
  detectorScore!: number;

  /** Informational anti-spoof score at enrollment, 0..1. */
  @Property({ type: 'float', nullable: true })
  liveness: number | null = null;

  @Property({ type: 'datetime', nullable: false })
  createdAt: Date = new Date();
}
