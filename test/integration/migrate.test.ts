import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../src/db/migrate.ts';
import { createPgliteDatabase, createPostgresDatabase, type TestDatabase } from '../support/database.ts';

describe.each([
  ['postgresql', createPostgresDatabase],
  ['pglite', createPgliteDatabase],
])('migrations on %s', (_kind, create) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await create();
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('records them as prisma migrate deploy does', async () => {
    const rows = await db.prisma.$queryRaw<{ migration_name: string; finished: boolean; steps: number }[]>`
      SELECT migration_name, finished_at IS NOT NULL AS finished, applied_steps_count AS steps
      FROM _prisma_migrations ORDER BY migration_name`;

    const folders = readdirSync(migrationsDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(folders[0]).toBe('20261204000000_init');
    expect(rows).toEqual(folders.map((name) => ({ migration_name: name, finished: true, steps: 1 })));
  });

  it('applies nothing the second time', async () => {
    expect(await db.migrate()).toEqual([]);
  });
});
