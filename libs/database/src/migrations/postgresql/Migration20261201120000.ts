import { Migration } from '@mikro-orm/migrations';

/** accounts.disabled_at: an operator-disabled account's keys answer 401 INVALID_API_KEY. */
export class Migration20261201120000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table "accounts" add column "disabled_at" timestamptz null;`);
  }

}
