import { EntityManager } from '@mikro-orm/core';
import type { INestApplicationContext } from '@nestjs/common';
import type { Account } from '@faceauth/accounts';

/**
 * Every row that belongs to an account, table by table, children first: what `accounts erase` deletes and
 * `accounts show` counts. Face samples are the biometric templates; they hang off the enrolled users.
 */
const ACCOUNT_ROWS: [table: string, where: string][] = [
  ['login_attempts', 'account_id = ?'],
  ['login_sessions', 'account_id = ?'],
  ['enroll_sessions', 'account_id = ?'],
  ['face_samples', 'user_id in (select id from enrolled_users where account_id = ?)'],
  ['enrolled_users', 'account_id = ?'],
  ['usage_call_logs', 'account_id = ?'],
  ['usage_daily', 'account_id = ?'],
  ['usage_quotas', 'account_id = ?'],
  ['api_keys', 'account_id = ?'],
  ['accounts', 'id = ?'],
];

export type RowCounts = Record<string, number>;

/** How many rows of each table belong to the account. */
export async function countAccountRows(app: INestApplicationContext, account: Account): Promise<RowCounts> {
  const connection = app.get(EntityManager).fork().getConnection();
  const counts: RowCounts = {};
  for (const [table, where] of ACCOUNT_ROWS) {
    const [row] = await connection.execute(`select count(*) as n from ${table} where ${where}`, [account.id]);
    counts[table] = Number(row.n);
  }
  return counts;
}

/** Deletes every row of the account, the account last, in one transaction; the number deleted per table. */
export async function eraseAccount(app: INestApplicationContext, account: Account): Promise<RowCounts> {
  return app
    .get(EntityManager)
    .fork()
    .transactional(async (em) => {
      const connection = em.getConnection();
      const counts: RowCounts = {};
      for (const [table, where] of ACCOUNT_ROWS) {
        const result = await connection.execute(`delete from ${table} where ${where}`, [account.id], 'run', em.getTransactionContext());
        counts[table] = Number((result as { affectedRows?: number }).affectedRows ?? 0);
      }
      return counts;
    });
}
