import { Migration } from '@mikro-orm/migrations';

/** Active liveness: the challenge of a login session and the analysed frames sent for it. */
export class Migration20261202090000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table \`login_sessions\` add column \`challenge\` json null;`);
    this.addSql(`alter table \`login_sessions\` add column \`liveness_frames\` json null;`);
    this.addSql(`alter table \`login_sessions\` add column \`liveness_step\` integer not null default 0;`);
  }

}
