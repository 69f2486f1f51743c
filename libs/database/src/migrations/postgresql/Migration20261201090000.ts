import { Migration } from '@mikro-orm/migrations';

/** Key kinds, names, origins and last use; account public ids. Existing keys become secret keys. */
export class Migration20261201090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "api_keys" add column "kind" varchar(16) not null default 'secret', add column "name" varchar(100) null, add column "allowed_origins" jsonb null, add column "last_used_at" timestamptz null;`);
    this.addSql(`alter table "accounts" add column "public_id" varchar(40) null;`);
    this.addSql(`update "accounts" set "public_id" = 'acct_' || substr(md5(random()::text || clock_timestamp()::text || "id"::text), 1, 24) where "public_id" is null;`);
    this.addSql(`alter table "accounts" alter column "public_id" set not null;`);
    this.addSql(`alter table "accounts" add constraint "accounts_public_id_unique" unique ("public_id");`);
  }

}
