import { Migration } from '@mikro-orm/migrations';

export class Migration20261201082405 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table \`signing_keys\` (\`id\` integer not null primary key autoincrement, \`kid\` text not null, \`algorithm\` text not null default 'EdDSA', \`public_jwk\` text not null, \`private_key_ciphertext\` text not null, \`private_key_iv\` text not null, \`private_key_tag\` text not null, \`private_key_salt\` text not null, \`created_at\` datetime not null, \`retired_at\` datetime null);`);
    this.addSql(`create unique index \`signing_keys_kid_unique\` on \`signing_keys\` (\`kid\`);`);
    this.addSql(`create unique index signing_keys_one_active on signing_keys ((retired_at is null)) where retired_at is null;`);
  }

}
