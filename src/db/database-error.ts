import { redactUrl } from '../jobs/redis.ts';

export class DatabaseUnavailableError extends Error {
  override name = 'DatabaseUnavailableError';
}

/** Wraps a failure to open or migrate the database in one line that names the database and the fix. */
export function describeDatabaseFailure(error: unknown, target: { databaseUrl?: string; dataDir: string }): DatabaseUnavailableError {
  const reason = (error instanceof Error ? error.message : String(error)).split('\n').filter(Boolean).at(-1) ?? 'unknown error';
  const where = target.databaseUrl ? `PostgreSQL at ${redactUrl(target.databaseUrl)}` : `the embedded database in ${target.dataDir}`;
  const fix = target.databaseUrl
    ? 'Check DATABASE_URL, and that the database exists and the server is running.'
    : 'Check that DATA_DIR is a writable folder.';

  return new DatabaseUnavailableError(`Cannot open ${where} (${reason.trim()}). ${fix}`);
}
