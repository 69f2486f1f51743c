import { Migration } from '@mikro-orm/migrations';

/** registration_state: open or closed registration as the operator set it with the CLI (every replica reads it). */
export class Migration20261203100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`registration_state\` (\`id\` integer not null primary key, \`open\` integer not null, \`updated_at\` datetime not null);`);
  }

}
