import { Migration } from '@mikro-orm/migrations';

export class Migration20261201082405 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "signing_keys" ("id" serial primary key, "kid" varchar(64) not null, "algorithm" varchar(16) not null default 'EdDSA', "public_jwk" text not null, "private_key_ciphertext" text not null, "private_key_iv" varchar(32) not null, "private_key_tag" varchar(32) not null, "private_key_salt" varchar(64) not null, "created_at" timestamptz not null, "retired_at" timestamptz null);`);
    this.addSql(`alter table "signing_keys" add constraint "signing_keys_kid_unique" unique ("kid");`);
    this.addSql(`create unique index signing_keys_one_active on signing_keys ((retired_at is null)) where retired_at is null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "signing_keys" cascade;`);
  }

}
