import { Migration } from '@mikro-orm/migrations';

/** Login sessions and their attempts. */
export class Migration20261201100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`login_sessions\` (\`id\` text not null primary key, \`account_id\` integer not null, \`key_id\` integer not null, \`started_with\` text not null, \`user_id\` text not null, \`nonce\` text null, \`client_secret_hash\` text not null, \`liveness_mode\` text not null, \`state\` text not null default 'pending', \`attempts\` integer not null default 0, \`max_attempts\` integer not null, \`created_at\` datetime not null, \`expires_at\` datetime not null, \`succeeded_at\` datetime null, \`confidence\` real null, \`liveness_result\` json null, \`token_jti\` text null, \`token_expires_at\` datetime null, \`confirmed_at\` datetime null, constraint \`login_sessions_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`login_sessions_account_created_idx\` on \`login_sessions\` (\`account_id\`, \`created_at\`);`);
    this.addSql(`create index \`login_sessions_created_idx\` on \`login_sessions\` (\`created_at\`);`);

    this.addSql(`create table \`login_attempts\` (\`id\` integer not null primary key autoincrement, \`session_id\` text not null, \`account_id\` integer not null, \`user_id\` text not null, \`outcome\` text not null, \`created_at\` datetime not null, constraint \`login_attempts_session_id_foreign\` foreign key(\`session_id\`) references \`login_sessions\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`login_attempts_session_idx\` on \`login_attempts\` (\`session_id\`);`);
    this.addSql(`create index \`login_attempts_user_time_idx\` on \`login_attempts\` (\`account_id\`, \`user_id\`, \`created_at\`);`);
  }

}
