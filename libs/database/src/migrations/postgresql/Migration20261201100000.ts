import { Migration } from '@mikro-orm/migrations';

/** Login sessions and their attempts. */
export class Migration20261201100000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "login_sessions" ("id" varchar(40) not null primary key, "account_id" int not null, "key_id" int not null, "started_with" varchar(16) not null, "user_id" varchar(128) not null, "nonce" varchar(128) null, "client_secret_hash" varchar(64) not null, "liveness_mode" varchar(16) not null, "state" varchar(16) not null default 'pending', "attempts" int not null default 0, "max_attempts" int not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, "succeeded_at" timestamptz null, "confidence" double precision null, "liveness_result" jsonb null, "token_jti" varchar(64) null, "token_expires_at" timestamptz null, "confirmed_at" timestamptz null);`);
    this.addSql(`alter table "login_sessions" add constraint "login_sessions_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "login_sessions_account_created_idx" on "login_sessions" ("account_id", "created_at");`);
    this.addSql(`create index "login_sessions_created_idx" on "login_sessions" ("created_at");`);

    this.addSql(`create table "login_attempts" ("id" serial primary key, "session_id" varchar(40) not null, "account_id" int not null, "user_id" varchar(128) not null, "outcome" varchar(20) not null, "created_at" timestamptz not null);`);
    this.addSql(`alter table "login_attempts" add constraint "login_attempts_session_id_foreign" foreign key ("session_id") references "login_sessions" ("id") on update cascade on delete cascade;`);
    this.addSql(`create index "login_attempts_session_idx" on "login_attempts" ("session_id");`);
    this.addSql(`create index "login_attempts_user_time_idx" on "login_attempts" ("account_id", "user_id", "created_at");`);
  }

}
