import 'dotenv/config';
import pino from 'pino';
import { createPlatformAdapters } from '../../adapters/index.ts';
import { ConfigError, loadConfig, type Config } from '../config.ts';
import { DatabaseUnavailableError } from '../db/database-error.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { RedisUnavailableError } from '../jobs/redis.ts';
import { createLogger, type Logger } from '../logger.ts';
import { openDatabaseContext, openRuntime } from '../runtime.ts';
import { startService } from '../service.ts';
import { startWorkerProcess } from '../worker.ts';
import type { CommandOutput } from './command-output.ts';
import { findCommand, helpText, runCommandLine } from './command-table.ts';
import { RemoteCommandError, runInService } from './remote.ts';

// The composition root: the one place in src/ that imports the platform
// adapters, so that the rest of the core stays platform-neutral.

function print(output: CommandOutput): void {
  for (const line of output.lines) console.log(line);
}

async function runService(config: Config, logger: Logger, kind: 'start' | 'worker'): Promise<void> {
  const service =
    kind === 'start'
      ? await startService(config, logger, createPlatformAdapters)
      : await startWorkerProcess(config, logger, createPlatformAdapters);
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    service.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

async function runCommand(config: Config, logger: Logger, argv: string[]): Promise<number> {
  const spec = findCommand(argv);
  if (!spec) {
    print({ exitCode: 2, lines: [`Unknown command "${argv[0]}".`, ...helpText()] });

    return 2;
  }

  if (!config.DATABASE_URL) {
    const remote = await runInService(config.DATA_DIR, argv);
    if (remote) {
      print(remote);

      return remote.exitCode;
    }
  }

  const context =
    spec.needs === 'database'
      ? await openDatabaseContext(config, logger)
      : await openRuntime({ config, logger, createAdapters: createPlatformAdapters });
  try {
    const output = await runCommandLine(context, argv, { inService: false, cwd: process.cwd() });
    print(output);

    return output.exitCode;
  } finally {
    await context.close();
  }
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || ['help', '--help', '-h'].includes(argv[0]!)) {
    print({ exitCode: 0, lines: helpText() });

    return 0;
  }

  const config = loadConfig();
  // Commands log to standard error, and only warnings unless LOG_LEVEL is set,
  // so that their output stays readable and pipeable.
  const isService = argv[0] === 'start' || argv[0] === 'worker';
  const level = isService || process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn';
  const logger = createLogger(level, isService ? undefined : pino.destination(2));
  if (isService) {
    await runService(config, logger, argv[0] as 'start' | 'worker');

    return -1;
  }

  return runCommand(config, logger, argv);
}

const knownErrors = [ConfigError, DataDirLockedError, DatabaseUnavailableError, RedisUnavailableError, RemoteCommandError];

main(process.argv.slice(2)).then(
  (exitCode) => {
    if (exitCode >= 0) process.exit(exitCode);
  },
  (error: unknown) => {
    if (knownErrors.some((type) => error instanceof type)) {
      console.error((error as Error).message);
    } else {
      console.error('Homeroom stopped with an unexpected error:', error);
    }
    process.exit(1);
  },
);
