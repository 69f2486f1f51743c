import { Migration } from '@mikro-orm/migrations';

export class Migration20261125182001 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`enrolled_users\` (\`id\` integer not null primary key autoincrement, \`account_id\` integer not null, \`name\` text not null, \`created_at\` datetime not null, \`updated_at\` datetime not null, constraint \`enrolled_users_account_id_foreign\` foreign key(\`account_id\`) references \`accounts\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`enrolled_users_account_id_index\` on \`enrolled_users\` (\`account_id\`);`);
    this.addSql(`create index \`enrolled_users_account_idx\` on \`enrolled_users\` (\`account_id\`);`);
    this.addSql(`create unique index \`enrolled_users_account_name_unique\` on \`enrolled_users\` (\`account_id\`, \`name\`);`);

    this.addSql(`create table \`face_samples\` (\`id\` integer not null primary key autoincrement, \`user_id\` integer not null, \`embedding\` blob not null, \`detector_score\` real not null, \`liveness\` real null, \`created_at\` datetime not null, constraint \`face_samples_user_id_foreign\` foreign key(\`user_id\`) references \`enrolled_users\`(\`id\`) on delete cascade on update cascade);`);
    this.addSql(`create index \`face_samples_user_id_index\` on \`face_samples\` (\`user_id\`);`);
    this.addSql(`create index \`face_samples_user_idx\` on \`face_samples\` (\`user_id\`);`);
  }

}
