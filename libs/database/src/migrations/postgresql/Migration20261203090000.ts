import { Migration } from '@mikro-orm/migrations';

/** Enrollment sessions: enrollment through the widget, photo by photo. */
export class Migration20261203090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "enroll_sessions" ("id" varchar(40) not null primary key, "account_id" int not null, "key_id" int not null, "user_id" varchar(128) not null, "replace_samples" boolean not null default false, "client_secret_hash" varchar(64) not null, "status" varchar(16) not null default 'collecting', "steps_kept" int not null default 0, "samples" jsonb null, "mismatches" int not null default 0, "created_at" timestamptz not null, "expires_at" timestamptz not null, "completed_at" timestamptz null);`);
    this.addSql(`alter table "enroll_sessions" add constraint "enroll_sessions_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "enroll_sessions_account_created_idx" on "enroll_sessions" ("account_id", "created_at");`);
    this.addSql(`create index "enroll_sessions_created_idx" on "enroll_sessions" ("created_at");`);
  }

}
