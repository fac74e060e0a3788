import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import { noFilters, openSchemaEngine } from './schema-engine.ts';

export const projectRoot = path.resolve(import.meta.dirname, '../..');
export const schemaPath = path.join(projectRoot, 'prisma/schema.prisma');
export const migrationsDir = path.join(projectRoot, 'prisma/migrations');

function readMigrationsList() {
  const lockPath = path.join(migrationsDir, 'migration_lock.toml');
  const folders = readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  return {
    baseDir: migrationsDir,
    lockfile: {
      path: 'migration_lock.toml',
      content: existsSync(lockPath) ? readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: folders.map((folder) => ({
      path: folder,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok' as const, value: readFileSync(path.join(migrationsDir, folder, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

/**
 * Applies the pending migrations in prisma/migrations and records them in
 * `_prisma_migrations`, as `prisma migrate deploy` does. Returns the names
 * of the migrations applied now.
 */
export async function applyMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string[]> {
  const engine = await openSchemaEngine(adapterFactory, {
    path: schemaPath,
    content: readFileSync(schemaPath, 'utf8'),
  });
  try {
    const output = await engine.applyMigrations({ migrationsList: readMigrationsList(), filters: noFilters });

    return output.appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/** Returns the SQL that creates the whole schema from an empty database. */
export async function diffFromEmpty(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const content = readFileSync(schemaPath, 'utf8');
  const engine = await openSchemaEngine(adapterFactory, { path: schemaPath, content });
  try {
    const result = await engine.diff({
      from: { tag: 'empty' },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });

    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}

/**
 * Returns the SQL that takes a database from the existing migrations to the
 * schema. The engine replays the migrations on the adapter's shadow database.
 */
export async function diffFromMigrations(adapterFactory: SqlMigrationAwareDriverAdapterFactory): Promise<string> {
  const content = readFileSync(schemaPath, 'utf8');
  const engine = await openSchemaEngine(adapterFactory, { path: schemaPath, content });
  try {
    const result = await engine.diff({
      from: { tag: 'migrations', ...readMigrationsList() },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content }] },
      script: true,
      exitCode: null,
      filters: noFilters,
    });

    return result.stdout ?? '';
  } finally {
    engine.free();
  }
}
