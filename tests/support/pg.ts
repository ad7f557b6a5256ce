import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** The local PostgreSQL every test database is made on (trust auth on loopback). */
export const PG_ADMIN_URL = process.env['WIREDESK_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/**
 * Makes sure the local PostgreSQL answers, starting the machine's cluster when it does not
 * (`pg_ctlcluster <version> main start`). Throws when it still does not answer.
 */
export async function ensurePostgres(): Promise<void> {
  if (await answers()) return;
  try {
    const version = readdirSync('/etc/postgresql')[0];
    if (version !== undefined) execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'ignore' });
  } catch {
    // fall through to the check below, which says what is wrong
  }
  for (let i = 0; i < 50; i++) {
    if (await answers()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`PostgreSQL does not answer at ${PG_ADMIN_URL}`);
}

/** A database of its own for one test (or one test file); `drop()` removes it with every connection to it. */
export async function createTestDatabase(prefix = 'wdtest'): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  await ensurePostgres();
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.href,
    name,
    drop: async () => {
      await ensurePostgres();
      await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** Runs one statement on the admin database. */
export async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Restarts the local PostgreSQL (fault tests); it answers again when this returns. */
export function restartPostgres(): void {
  const version = readdirSync('/etc/postgresql')[0];
  if (version === undefined) throw new Error('no PostgreSQL cluster in /etc/postgresql');
  execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart'], { stdio: 'ignore' });
}

async function answers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}
