import { INestApplicationContext } from '@nestjs/common';
import { AccountsService } from '@faceauth/accounts';
import { KeysService } from '@faceauth/api-keys';
import { AuthContext } from '@faceauth/common';
import { SigningKeysService } from '@faceauth/login-tokens';
import { RegistrationStatus, RegistrationSwitch } from '@faceauth/registration';
import { countAccountRows, eraseAccount, RowCounts } from './account-admin';

export interface CliCommand {
  /** How it is typed, for --help. */
  usage: string;
  summary: string;
  /** Argument count after the command words. */
  args: number;
  /** Applies pending migrations first (only `migrate`: the others never change the schema). */
  migrate?: boolean;
  /** Needs the token-signing keys (FACEAUTH_SECRET). */
  signingKeys?: boolean;
  run(app: INestApplicationContext, args: string[]): Promise<string>;
}

/** The account of an email as the keys service sees a caller: the operator acts as the account's owner. */
async function ownerOf(app: INestApplicationContext, email: string): Promise<AuthContext> {
  const account = await app.get(AccountsService).findByEmail(email);
  return { accountId: account.id, accountPublicId: account.publicId, keyId: 0, keyKind: 'secret', plan: account.plan, maskedKey: '' };
}

const table = (rows: string[][]): string => rows.map((row) => row.join('\t')).join('\n');
const counted = (counts: RowCounts): string => table(Object.entries(counts).map(([name, n]) => [name, String(n)]));

function describeRegistration({ open, configured, stored }: RegistrationStatus): string {
  const cli = stored ? `${stored.open ? 'opened' : 'closed'} with the CLI at ${stored.at.toISOString()}` : 'never set with the CLI';
  return `registration is ${open ? 'open' : 'closed'} (REGISTRATION=${configured}; ${cli})`;
}

/** Operator commands by their words (`keys create`), for the CLI. */
export const CLI_COMMANDS: Record<string, CliCommand> = {
  migrate: {
    usage: 'migrate',
    summary: 'apply pending database migrations',
    args: 0,
    migrate: true,
    run: async () => 'database is up to date',
  },
  'set-plan': {
    usage: 'set-plan <email> <plan>',
    summary: "change an account's plan (free, pro, enterprise)",
    args: 2,
    run: async (app, [email, plan]) => {
      const account = await app.get(AccountsService).setPlan(email, plan);
      return `${account.email} is now on the ${account.plan} plan`;
    },
  },
  'accounts list': {
    usage: 'accounts list',
    summary: 'every account: id, public id, email, plan, created',
    args: 0,
    run: async (app) => {
      const accounts = await app.get(AccountsService).list();
      return table(accounts.map((a) => [String(a.id), a.publicId, a.email, a.plan, a.createdAt.toISOString()]));
    },
  },
  'accounts show': {
    usage: 'accounts show <email>',
    summary: 'one account: ids, plan, created, disabled, and how many rows it owns per table',
    args: 1,
    run: async (app, [email]) => {
      const a = await app.get(AccountsService).findByEmail(email);
      const fields = [
        ['id', String(a.id)],
        ['public_id', a.publicId],
        ['email', a.email],
        ['name', a.name],
        ['plan', a.plan],
        ['created_at', a.createdAt.toISOString()],
        ['disabled_at', a.disabledAt?.toISOString() ?? '-'],
      ];
      return `${table(fields)}\n${counted(await countAccountRows(app, a))}`;
    },
  },
  'accounts disable': {
    usage: 'accounts disable <email>',
    summary: "every key of the account answers 401 INVALID_API_KEY at once (nothing is deleted)",
    args: 1,
    run: async (app, [email]) => {
      const account = await app.get(AccountsService).setDisabled(email, true);
      return `${account.email} is disabled since ${account.disabledAt!.toISOString()}: its keys answer 401 INVALID_API_KEY`;
    },
  },
  'accounts enable': {
    usage: 'accounts enable <email>',
    summary: 'undo accounts disable: its keys work again',
    args: 1,
    run: async (app, [email]) => {
      const account = await app.get(AccountsService).setDisabled(email, false);
      return `${account.email} is enabled`;
    },
  },
  'accounts erase': {
    usage: 'accounts erase <email>',
    summary: 'delete the account and everything it owns: face templates, enrolled users, login sessions and attempts, usage, keys; prints the counts',
    args: 1,
    run: async (app, [email]) => {
      const account = await app.get(AccountsService).findByEmail(email);
      const counts = await eraseAccount(app, account);
      return `${account.email} (account ${account.id}) erased; rows deleted:\n${counted(counts)}`;
    },
  },
  'registration status': {
    usage: 'registration status',
    summary: 'whether POST /register accepts new accounts, and why',
    args: 0,
    run: async (app) => describeRegistration(await app.get(RegistrationSwitch).status()),
  },
  'registration close': {
    usage: 'registration close',
    summary: 'POST /register answers 403 FORBIDDEN on every replica at once (existing accounts are not touched)',
    args: 0,
    run: async (app) => describeRegistration(await app.get(RegistrationSwitch).set(false)),
  },
  'registration open': {
    usage: 'registration open',
    summary: 'undo registration close (refused while REGISTRATION=closed)',
    args: 0,
    run: async (app) => {
      const registration = app.get(RegistrationSwitch);
      // Refused without storing anything: the command would look done while the API stays closed.
      if ((await registration.status()).configured === 'closed') throw new Error('REGISTRATION=closed keeps registration closed whatever the CLI says: set REGISTRATION=open and restart the API');
      return describeRegistration(await registration.set(true));
    },
  },
  'keys list': {
    usage: 'keys list <email>',
    summary: "an account's keys, masked: id, kind, key, name, origins, last used, revoked",
    args: 1,
    run: async (app, [email]) => {
      const { keys } = await app.get(KeysService).list(await ownerOf(app, email));
      return table(keys.map((k) => [String(k.id), k.kind, k.key, k.name ?? '-', k.allowed_origins.join(',') || '*', k.last_used_at ?? 'never', k.revoked_at ? `revoked ${k.revoked_at}` : 'active']));
    },
  },
  'keys create': {
    usage: 'keys create <email> <secret|publishable>',
    summary: 'a new key for an account; the full key is printed once',
    args: 2,
    run: async (app, [email, kind]) => {
      if (kind !== 'secret' && kind !== 'publishable') throw new Error('kind must be secret or publishable');
      const created = await app.get(KeysService).create(await ownerOf(app, email), { kind, name: 'created by the operator' });
      return `${created.api_key}\n(key ${created.key.id}: shown once, only its hash is stored)`;
    },
  },
  'keys revoke': {
    usage: 'keys revoke <email> <key-id>',
    summary: "revoke one of an account's keys at once (not its last secret key)",
    args: 2,
    run: async (app, [email, id]) => {
      const { key } = await app.get(KeysService).revoke(await ownerOf(app, email), Number(id));
      return `key ${key.id} (${key.key}) revoked at ${key.revoked_at}`;
    },
  },
  'keys rotate-signing': {
    usage: 'keys rotate-signing',
    summary: 'new login-token signing key; the old one verifies until its tokens expire',
    args: 0,
    signingKeys: true,
    run: async (app) => {
      const { kid, retired, pruned } = await app.get(SigningKeysService).rotate();
      const old = retired.length ? `; ${retired.join(', ')} retired, verifying until its tokens expire` : '';
      return `signing key ${kid} is now active${old}${pruned ? `; ${pruned} long-retired key(s) deleted` : ''}`;
    },
  },
};

/** The command named by the first words of argv, with its arguments; undefined when none matches. */
export function findCommand(argv: string[]): { command: CliCommand; args: string[] } | undefined {
  for (const words of [2, 1]) {
    // A one-word argv (`migrate`) must not be taken for a two-word command with an argument missing.
    if (argv.length < words) continue;
    const command = CLI_COMMANDS[argv.slice(0, words).join(' ')];
    if (command) return argv.length - words === command.args ? { command, args: argv.slice(words) } : undefined;
  }
  return undefined;
}

export function cliHelp(): string {
  const width = Math.max(...Object.values(CLI_COMMANDS).map((c) => c.usage.length));
  return [
    'Usage: node dist/apps/api/src/cli.js <command>   (npm run admin -- <command>)',
    '',
    ...Object.values(CLI_COMMANDS).map((c) => `  ${c.usage.padEnd(width)}  ${c.summary}`),
    '',
    'Configuration comes from the same environment as the API (DATABASE_URL, FACEAUTH_SECRET, ...), and .env of the',
    'working directory. `registration close|open` applies to every replica at once; REGISTRATION=closed closes it whatever they say.',
  ].join('\n');
}
