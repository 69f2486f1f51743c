import { Migration } from '@mikro-orm/migrations';

export class Migration20261125182315 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table "usage_call_logs" ("id" serial primary key, "event_id" varchar(36) not null, "request_id" varchar(128) not null, "account_id" int not null, "key_id" int not null, "endpoint" varchar(16) not null, "status_code" int not null, "success" boolean not null, "error_code" varchar(32) null, "latency_ms" int not null, "created_at" timestamptz not null);`);
    this.addSql(`alter table "usage_call_logs" add constraint "usage_call_logs_event_unique" unique ("event_id");`);
    this.addSql(`create index "usage_call_logs_created_idx" on "usage_call_logs" ("created_at");`);
    this.addSql(`create index "usage_call_logs_account_time_idx" on "usage_call_logs" ("account_id", "created_at", "id");`);

    this.addSql(`create table "usage_daily" ("id" serial primary key, "account_id" int not null, "day" varchar(10) not null, "calls" int not null default 0, "successes" int not null default 0);`);
    this.addSql(`alter table "usage_daily" add constraint "usage_daily_account_day_unique" unique ("account_id", "day");`);

    this.addSql(`create table "usage_quotas" ("id" serial primary key, "account_id" int not null, "month" varchar(7) not null, "used" int not null default 0);`);
    this.addSql(`alter table "usage_quotas" add constraint "usage_quotas_account_month_unique" unique ("account_id", "month");`);

    this.addSql(`alter table "usage_call_logs" add constraint "usage_call_logs_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "usage_daily" add constraint "usage_daily_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);

    this.addSql(`alter table "usage_quotas" add constraint "usage_quotas_account_id_foreign" foreign key ("account_id") references "accounts" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "usage_call_logs" cascade;`);

    this.addSql(`drop table if exists "usage_daily" cascade;`);

    this.addSql(`drop table if exists "usage_quotas" cascade;`);
  }

}
