import { Migration } from '@mikro-orm/migrations';

/** Key kinds, names, origins and last use; account public ids. Existing keys become secret keys. */
export class Migration20261201090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`api_keys\` add column \`kind\` text not null default 'secret';`);
    this.addSql(`alter table \`api_keys\` add column \`name\` text null;`);
    this.addSql(`alter table \`api_keys\` add column \`allowed_origins\` json null;`);
    this.addSql(`alter table \`api_keys\` add column \`last_used_at\` datetime null;`);
    this.addSql(`alter table \`accounts\` add column \`public_id\` text null;`);
    this.addSql(`update \`accounts\` set \`public_id\` = 'acct_' || lower(hex(randomblob(12))) where \`public_id\` is null;`);
    this.addSql(`create unique index \`accounts_public_id_unique\` on \`accounts\` (\`public_id\`);`);
  }

}
