import { Migration } from '@mikro-orm/migrations';

export class Migration20261125181526 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "accounts" ("id" serial primary key, "email" varchar(254) not null, "name" varchar(100) not null, "plan" varchar(20) not null default 'free', "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`alter table "accounts" add constraint "accounts_email_unique" unique ("email");`);

    this.addSql(`create table "api_keys" ("id" serial primary key, "account_id" int not null, "key_hash" varchar(64) not null, "display_prefix" varchar(16) not null, "display_suffix" varchar(8) not null, "created_at" timestamptz not null, "revoked_at" timestamptz null);`);
    this.addSql(`create index "api_keys_account_idx" on "api_keys" ("account_id");`);
    this.addSql(`alter table "api_keys" add constraint "api_keys_hash_unique" unique ("key_hash");`);

    this.addSql(`alter table "api_keys" add constraint "api_keys_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "api_keys" drop constraint "api_keys_account_id_foreign";`);

    this.addSql(`drop table if exists "accounts" cascade;`);

    this.addSql(`drop table if exists "api_keys" cascade;`);
  }

}
