import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock.ts';
import { PrismaClient } from './generated/client.ts';
import { applyMigrations } from './migrate.ts';

export { PrismaClient };

export interface Database {
  prisma: PrismaClient;
  kind: 'postgresql' | 'pglite';
  adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  /** The lock on the embedded data folder; absent for PostgreSQL. */
  lock?: DataDirLock;
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir: string;
}

/**
 * Opens PostgreSQL through @prisma/adapter-pg when a URL is given, and the
 * embedded PGlite database in `dataDir` otherwise.
 */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) {
    const adapterFactory = new PrismaPg({ connectionString: options.databaseUrl, max: 20 });
    const prisma = new PrismaClient({ adapter: adapterFactory });

    return {
      prisma,
      kind: 'postgresql',
      adapterFactory,
      migrate: () => migratePostgres(options.databaseUrl!),
      close: () => prisma.$disconnect(),
    };
  }

  const lock = acquireDataDirLock(options.dataDir);
  try {
    const pglite = await PGlite.create(path.join(options.dataDir, 'pglite'));
    const adapterFactory = new PrismaPGlite(pglite);
    const prisma = new PrismaClient({ adapter: adapterFactory });

    return {
      prisma,
      kind: 'pglite',
      adapterFactory,
      lock,
      async migrate() {
        const applied = await applyMigrations(adapterFactory);
        // PGlite learns how to send array values of each type when it opens,
        // so enum arrays created by these migrations need a refresh first.
        if (applied.length > 0) await pglite.refreshArrayTypes();

        return applied;
      },
      async close() {
        await prisma.$disconnect();
        await pglite.close();
        lock.release();
      },
    };
  } catch (error) {
    lock.release();
    throw error;
  }
}

// The schema engine holds PostgreSQL's advisory lock on its session until
// the connection closes, so it gets a pool of its own that ends with it.
async function migratePostgres(databaseUrl: string): Promise<string[]> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  try {
    return await applyMigrations(new PrismaPg(pool));
  } finally {
    await pool.end();
  }
}
