import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.ts';

// PostgreSQL on the project's machines: 127.0.0.1:5432, trust auth.
export const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

export interface TestDatabase extends Database {
  /** The connection URL, for PostgreSQL databases only. */
  url?: string;
  /** Drops the database or removes the data folder, after closing it. */
  destroy(): Promise<void>;
}

/** Creates a fresh, migrated PostgreSQL database with a unique name. */
export async function createPostgresDatabase(): Promise<TestDatabase> {
  const name = `homeroom_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: '' });
  await db.migrate();

  return {
    ...db,
    url: url.toString(),
    async destroy() {
      await db.close();
      const cleanup = new pg.Client({ connectionString: postgresAdminUrl });
      await cleanup.connect();
      await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await cleanup.end();
    },
  };
}

/** Creates a fresh, migrated PGlite database in a temporary folder. */
export async function createPgliteDatabase(): Promise<TestDatabase> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'homeroom-test-'));
  const db = await openDatabase({ dataDir });
  await db.migrate();

  return {
    ...db,
    async destroy() {
      await db.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
