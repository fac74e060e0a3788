import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import dotenv from 'dotenv';
import pino from 'pino';
import { ConfigError } from '../../src/config.ts';
import { DataDirLockedError } from '../../src/db/data-dir-lock.ts';
import { t } from '../../src/i18n/index.ts';
import { RedisUnavailableError } from '../../src/jobs/redis.ts';
import { createLogger } from '../../src/logger.ts';
import { RosterError } from '../../src/roster/import-roster.ts';
import { openRuntime, type Runtime } from '../../src/runtime.ts';
import { ConsoleInbox } from './console-inbox.ts';
import { createConsolePlatform } from './console-platform.ts';
import { createDemoEnvironment, type DemoEnvironment } from './demo-environment.ts';
import { runRepl } from './demo-repl.ts';
import { parseScript, runScript, type ScriptLine } from './demo-script.ts';
import { DemoSession } from './demo-session.ts';
import { DemoStartError, importDemoSchool, sendWeeklyPrompts } from './demo-startup.ts';

// The demo of Homeroom in a terminal: `npm run demo [-- --script FILE]`.
// Each run starts on an empty embedded database and a queue of its own,
// and removes both when it ends.

const print = (line: string) => console.log(line);
const printError = (line: string) => console.error(line);

// Errors whose message already states what failed and what to do, so it is printed alone.
const knownErrors = [ConfigError, DataDirLockedError, RedisUnavailableError, RosterError, DemoStartError];

interface Script {
  file: string;
  lines: ScriptLine[];
}

class UsageError extends Error {}

function readArguments(argv: string[]): { script: Script | null } {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: { script: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, strict: true }));
  } catch (error) {
    throw new UsageError(t('console:usage.invalid', { reason: (error as Error).message }));
  }
  if (values.help) throw new UsageError('');
  if (values.script === undefined) return { script: null };

  try {
    return { script: { file: values.script, lines: parseScript(readFileSync(values.script, 'utf8')) } };
  } catch (error) {
    throw new UsageError(t('console:script.unreadable', { file: values.script, reason: (error as Error).message }));
  }
}

function stopper(runtime: Runtime, environment: DemoEnvironment): () => Promise<void> {
  let stopping: Promise<void> | undefined;

  return () => {
    stopping ??= (async () => {
      try {
        // The prefix is this run's alone, so everything under it can go.
        await runtime.queue.obliterate({ force: true });
      } catch (error) {
        runtime.logger.warn({ err: error, queuePrefix: environment.queuePrefix }, 'could not remove the demo queue');
      }
      await runtime.close();
      environment.removeDataDir();
    })();

    return stopping;
  };
}

async function main(argv: string[]): Promise<number> {
  let script: Script | null;
  try {
    ({ script } = readArguments(argv));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    // An empty message means --help, which is not an error.
    if (error.message === '') {
      print(t('console:usage.text'));

      return 0;
    }
    printError(error.message);
    printError(t('console:usage.text'));

    return 2;
  }

  // Like the homeroom command, the demo reads .env, for REDIS_URL and DEFAULT_TIME_ZONE.
  dotenv.config({ quiet: true });
  const environment = createDemoEnvironment(process.env);
  // Warnings and errors only, on standard error, so the conversation stays readable.
  const logger = createLogger('warn', pino.destination(2));
  const inbox = new ConsoleInbox();

  let runtime: Runtime;
  try {
    runtime = await openRuntime({
      config: environment.config,
      logger,
      createAdapters: (_config, bot) => [createConsolePlatform(bot.prisma, inbox)],
    });
  } catch (error) {
    environment.removeDataDir();
    throw error;
  }

  const stop = stopper(runtime, environment);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void stop().finally(() => process.exit(130));
    });
  }

  try {
    print(t('console:startup.environment', { dataDir: environment.dataDir, queuePrefix: environment.queuePrefix }));
    print(await importDemoSchool(runtime));
    print(await sendWeeklyPrompts(runtime));

    const session = new DemoSession(runtime, inbox, print);
    await session.loadPeople();
    session.showNewMessages();
    if (script) return await runScript(session, script.file, script.lines, { print, printError });

    print(t('console:startup.ready'));
    await runRepl(session, printError);

    return 0;
  } finally {
    await stop();
    print(t('console:startup.stopped'));
  }
}

main(process.argv.slice(2)).then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    if (knownErrors.some((type) => error instanceof type)) {
      printError((error as Error).message);
    } else {
      printError(t('console:startup.unexpected_error'));
      printError(String(error instanceof Error ? (error.stack ?? error.message) : error));
    }
    process.exit(1);
  },
);
