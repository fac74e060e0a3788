import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// PGlite does not lock its data folder, and two processes writing to one
// folder silently lose each other's rows. Homeroom therefore lets one
// process open the embedded database, and records in the lock how other
// commands can reach that process instead.
export interface LockInfo {
  pid: number;
  // The HTTP port of the service holding the lock, when it is a service.
  port?: number;
  // A shared secret for the service's local command endpoint.
  secret?: string;
}

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
  constructor(
    readonly lockPath: string,
    readonly holder: LockInfo,
  ) {
    super(
      `The embedded database in ${path.dirname(lockPath)} is in use by process ${holder.pid}. ` +
        'Stop that process, or set DATABASE_URL to use PostgreSQL, which many processes can share.',
    );
  }
}

export interface DataDirLock {
  info: LockInfo;
  lockPath: string;
  /** Records the service's port so that CLI commands can reach it. */
  advertise(port: number): void;
  release(): void;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);

    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function lockPathFor(dataDir: string): string {
  return path.join(dataDir, 'homeroom.lock');
}

/** Returns the live holder of the lock on `dataDir`, if any. */
export function readLockHolder(dataDir: string): LockInfo | undefined {
  try {
    const info = JSON.parse(readFileSync(lockPathFor(dataDir), 'utf8')) as LockInfo;

    return isAlive(info.pid) && info.pid !== process.pid ? info : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the lock on `dataDir` or throws DataDirLockedError naming its holder. */
export function acquireDataDirLock(dataDir: string): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const lockPath = lockPathFor(dataDir);
  const info: LockInfo = { pid: process.pid, secret: randomBytes(24).toString('hex') };

  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockPath, JSON.stringify(info), { flag: 'wx', mode: 0o600 });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = readLockHolder(dataDir);
      if (holder) throw new DataDirLockedError(lockPath, holder);
      // The previous holder died without releasing the lock.
      rmSync(lockPath, { force: true });
      if (attempt === 1) throw new DataDirLockedError(lockPath, { pid: -1 });
    }
  }

  return {
    info,
    lockPath,
    advertise(port: number) {
      info.port = port;
      writeFileSync(lockPath, JSON.stringify(info), { mode: 0o600 });
    },
    release() {
      try {
        const current = JSON.parse(readFileSync(lockPath, 'utf8')) as LockInfo;
        if (current.pid === process.pid) rmSync(lockPath, { force: true });
      } catch {
        // Already gone.
      }
    },
  };
}
