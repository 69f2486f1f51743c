import { Migration } from '@mikro-orm/migrations';

export class Migration20261125181526 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`accounts\` (\`id\` integer not null primary key autoincrement, \`email\` text not null, \`name\` text not null, \`plan\` text not null default 'free', \`created_at\` datetime not null, \`updated_at\` datetime not null);`);
    this.addSql(`create unique index \`accounts_email_unique\` on \`accounts\` (\`email\`);`);

    this.addSql(`create table \`api_keys\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`key_hash\` text not null, \`display_prefix\` text not null, \`display_suffix\` text not null, \`created_at\` datetime not null, \`revoked_at\` datetime null, constraint \`api_keys_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`api_keys_account_id_index\` on \`api_keys\` (\`account_id\`);`);
    this.addSql(`create unique index \`api_keys_hash_unique\` on \`api_keys\` (\`key_hash\`);`);
    this.addSql(`create index \`api_keys_account_idx\` on \`api_keys\` (\`account_id\`);`);
  }

}
