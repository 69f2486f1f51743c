import { Migration } from '@mikro-orm/migrations';

export class Migration20261125182258 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`usage_call_logs\` (\`id\` integer not null primary key autoincrement, \`event_id\` text not null, \`request_id\` text not null, \`account_id\` integer not null, \`key_id\` integer not null, \`endpoint\` text not null, \`status_code\` integer not null, \`success\` integer not null, \`error_code\` text null, \`latency_ms\` integer not null, \`created_at\` datetime not null, constraint \`usage_call_logs_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create unique index \`usage_call_logs_event_unique\` on \`usage_call_logs\` (\`event_id\`);`);
    this.addSql(`create index \`usage_call_logs_created_idx\` on \`usage_call_logs\` (\`created_at\`);`);
    this.addSql(`create index \`usage_call_logs_account_time_idx\` on \`usage_call_logs\` (\`account_id\`, \`created_at\`, \`id\`);`);

    this.addSql(`create table \`usage_daily\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`day\` text not null, \`calls\` integer not null default 0, \`successes\` integer not null default 0, constraint \`usage_daily_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create unique index \`usage_daily_account_day_unique\` on \`usage_daily\` (\`account_id\`, \`day\`);`);

    this.addSql(`create table \`usage_quotas\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`month\` text not null, \`used\` integer not null default 0, constraint \`usage_quotas_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create unique index \`usage_quotas_account_month_unique\` on \`usage_quotas\` (\`account_id\`, \`month\`);`);
  }

}
