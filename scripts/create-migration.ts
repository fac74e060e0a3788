// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that
// takes a database from the existing migrations to prisma/schema.prisma. The
// schema engine replays the migrations on a throwaway in-memory PGlite shadow
// database, so no PostgreSQL server or native Prisma engine is needed.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { diffFromMigrations, migrationsDir } from '../src/db/migrate.ts';

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error('Usage: npx tsx scripts/create-migration.ts NAME   (NAME in lower case, digits and _, such as add_link_codes)');
  process.exit(2);
}

// Indexes that migrations create by hand, because the schema language cannot
// declare them; the engine would otherwise drop them in every new migration.
const handWrittenIndexes = ['Person_email_lower_idx'];

const pglite = await PGlite.create();
const diff = await diffFromMigrations(new PrismaPGlite(pglite));
await pglite.close();
const sql = diff
  .split(/\n\n/)
  .filter((statement) => !handWrittenIndexes.some((name) => statement.includes(`DROP INDEX "${name}"`)))
  .join('\n\n');
if (sql.trim() === '' || sql.includes('This is an empty migration')) {
  console.log('The schema matches the migrations; nothing to write.');
  process.exit(0);
}

const timestamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
const folder = path.join(migrationsDir, `${timestamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, 'migration.sql'), sql);
console.log(`Wrote ${path.join(folder, 'migration.sql')}`);
