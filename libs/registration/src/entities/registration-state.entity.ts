import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Whether POST /register is open, as the operator last set it with `registration open|close` (one row, id 1;
 * no row: open). In the database so that every replica follows it at once, without a restart.
 */
@Entity({ tableName: 'registration_state' })
export class RegistrationState {
  @PrimaryKey({ type: 'integer', autoincrement: false })
  id!: number;

  @Property({ type: 'boolean', nullable: false })
  open!: boolean;

  @Property({ type: 'datetime', nullable: false })
  updatedAt!: Date;
}
