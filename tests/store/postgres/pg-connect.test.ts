import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/log/index.js';
import { openPgPool } from '../../../src/store/index.js';
import { createTestDatabase } from '../../support/pg.js';

/** A server that drops a connection (restart, failover, admin kill) costs the statement in flight, never the process. */
describe('PostgreSQL pool', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await createTestDatabase('wdconnect');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('survives the server ending a checked-out connection mid-transaction, and serves the next query on a new one', async () => {
    const pool = openPgPool({ url: db.url, logger: silentLogger, max: 3 });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    try {
      const client = await pool.connect();
      await client.query('BEGIN');
      const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      // Another session ends this one, as a restart does; the checked-out client sees its socket close.
      await pool.query('SELECT pg_terminate_backend($1)', [pid]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release(true);
      expect(uncaught).toEqual([]);
      const again = await pool.query<{ one: number }>('SELECT 1 AS one');
      expect(again.rows[0]!.one).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
      await pool.end();
    }
  });
});
