import { Migration } from '@mikro-orm/migrations';

export class Migration20261125182001 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "enrolled_users" ("id" serial primary key, "account_id" int not null, "name" varchar(128) not null, "created_at" timestamptz not null, "updated_at" timestamptz not null);`);
    this.addSql(`create index "enrolled_users_account_idx" on "enrolled_users" ("account_id");`);
    this.addSql(`alter table "enrolled_users" add constraint "enrolled_users_account_name_unique" unique ("account_id", "name");`);

    this.addSql(`create table "face_samples" ("id" serial primary key, "user_id" int not null, "embedding" bytea not null, "detector_score" real not null, "liveness" real null, "created_at" timestamptz not null);`);
    this.addSql(`create index "face_samples_user_idx" on "face_samples" ("user_id");`);

    this.addSql(`alter table "enrolled_users" add constraint "enrolled_users_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "face_samples" add constraint "face_samples_user_id_foreign" foreign key ("user_id") references "enrolled_users" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "face_samples" drop constraint "face_samples_user_id_foreign";`);

    this.addSql(`drop table if exists "enrolled_users" cascade;`);

    this.addSql(`drop table if exists "face_samples" cascade;`);
  }

}
