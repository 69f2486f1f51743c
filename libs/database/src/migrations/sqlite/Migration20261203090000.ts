import { Migration } from '@mikro-orm/migrations';

/** Enrollment sessions: enrollment through the widget, photo by photo. */
export class Migration20261203090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`enroll_sessions\` (\`id\` text not null primary key, \`account_id\` integer not null, \`key_id\` integer not null, \`user_id\` text not null, \`replace_samples\` integer not null default false, \`client_secret_hash\` text not null, \`status\` text not null default 'collecting', \`steps_kept\` integer not null default 0, \`samples\` json null, \`mismatches\` integer not null default 0, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`completed_at\` datetime null, constraint \`enroll_sessions_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`enroll_sessions_account_created_idx\` on \`enroll_sessions\` (\`account_id\`, \`created_at\`);`);
    this.addSql(`create index \`enroll_sessions_created_idx\` on \`enroll_sessions\` (\`created_at\`);`);
  }

}
