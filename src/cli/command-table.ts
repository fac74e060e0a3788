import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { DatabaseContext, Runtime } from '../runtime.ts';
import { failure, success, UsageError, type CommandOutput } from './command-output.ts';
import { runImportRoster } from './commands/import-roster.ts';
import { runLinkCodes } from './commands/link-codes.ts';
import { runWeeklyReflections } from './commands/run-weekly-reflections.ts';
import { listSchools, updateSchool } from './commands/schools.ts';

export interface RunOptions {
  /** True when the service runs the command for a local CLI, whose worker is already running. */
  inService: boolean;
  /** The folder that relative paths in arguments are resolved against: the caller's working directory. */
  cwd: string;
}

interface CommandInfo {
  usage: string;
  summary: string;
}

/** A command that needs only the database, so it runs without Redis or chat platforms. */
interface DatabaseCommand extends CommandInfo {
  needs: 'database';
  run(context: DatabaseContext, args: string[], options: RunOptions): Promise<CommandOutput>;
}

interface RuntimeCommand extends CommandInfo {
  needs: 'runtime';
  run(context: Runtime, args: string[], options: RunOptions): Promise<CommandOutput>;
}

export type CommandSpec = DatabaseCommand | RuntimeCommand;

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']> = {}) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export const commands: Record<string, CommandSpec> = {
  migrate: {
    usage: 'migrate',
    summary: 'Apply pending database migrations (the service also does this at start).',
    needs: 'database',
    async run(context) {
      const applied = await context.db.migrate();

      return success(applied.length === 0 ? 'The database is up to date.' : `Applied ${applied.join(', ')}.`);
    },
  },
  'import-roster': {
    usage: 'import-roster DIR',
    summary: 'Import a OneRoster 1.1 or 1.2 CSV package (bulk or delta) from the folder DIR.',
    needs: 'database',
    async run(context, args, { cwd }) {
      const { positionals } = parse(args);
      if (positionals.length !== 1) throw new UsageError('Give exactly one folder: import-roster DIR');

      return runImportRoster(context, path.resolve(cwd, positionals[0]!));
    },
  },
  run: {
    usage: 'run weekly-reflections [--school ID]',
    summary: "Send this week's reflection prompts now instead of at the scheduled time.",
    needs: 'runtime',
    async run(runtime, args, { inService }) {
      const { positionals, values } = parse(args, { school: { type: 'string' } });
      if (positionals[0] !== 'weekly-reflections' || positionals.length !== 1) {
        throw new UsageError('The only job to run is weekly-reflections: run weekly-reflections [--school ID]');
      }

      return runWeeklyReflections(runtime, {
        ...(typeof values.school === 'string' ? { schoolId: values.school } : {}),
        startWorker: !inService,
      });
    },
  },
  'link-codes': {
    usage: 'link-codes --school ID [--out FILE] [--ttl-hours HOURS]',
    summary: 'Issue one-time codes that link Discord accounts; prints CSV of name and code, or writes FILE.',
    needs: 'database',
    async run(context, args, { cwd }) {
      const { positionals, values } = parse(args, {
        school: { type: 'string' },
        out: { type: 'string' },
        'ttl-hours': { type: 'string' },
      });
      if (positionals.length > 0 || typeof values.school !== 'string') {
        throw new UsageError('Give the school: link-codes --school ID');
      }
      const ttlHours = values['ttl-hours'] === undefined ? undefined : Number(values['ttl-hours']);
      if (ttlHours !== undefined && (!Number.isInteger(ttlHours) || ttlHours < 1 || ttlHours > 24 * 90)) {
        throw new UsageError(`--ttl-hours: "${String(values['ttl-hours'])}" is not a whole number of hours from 1 to 2160.`);
      }

      return runLinkCodes(context, {
        school: values.school,
        ...(typeof values.out === 'string' ? { outFile: path.resolve(cwd, values.out) } : {}),
        ...(ttlHours !== undefined ? { ttlHours } : {}),
      });
    },
  },
  discord: {
    usage: 'discord register',
    summary: 'Register the slash commands with Discord (in DISCORD_GUILD_ID when set, else globally).',
    needs: 'database',
    async run(context, args) {
      if (args.length !== 1 || args[0] !== 'register') throw new UsageError('The only discord command is: discord register');
      // Imported on use, so that the core's module graph stays free of discord.js.
      const { registerDiscordCommands } = await import('../../adapters/discord/register-commands.ts');
      const registered = await registerDiscordCommands(context.config);
      const where = registered.scope === 'guild' ? `guild ${context.config.DISCORD_GUILD_ID}` : 'all guilds (global)';

      return success(`Registered ${registered.names.map((name) => `/${name}`).join(', ')} for ${where}.`);
    },
  },
  schools: {
    usage: 'schools',
    summary: 'List the schools with their prompt schedule.',
    needs: 'database',
    async run(context, args) {
      if (args.length > 0) throw new UsageError('schools takes no arguments; to change a school use: school set ID ...');

      return listSchools(context);
    },
  },
  school: {
    usage: 'school set ID [--time-zone ZONE] [--prompt-day DAY] [--prompt-time HH:MM]',
    summary: "Change a school's time zone or weekly prompt day and time.",
    needs: 'database',
    async run(context, args) {
      const { positionals, values } = parse(args, {
        'time-zone': { type: 'string' },
        'prompt-day': { type: 'string' },
        'prompt-time': { type: 'string' },
      });
      if (positionals[0] !== 'set' || positionals.length !== 2) throw new UsageError('Usage: school set ID [--time-zone ZONE] ...');

      return updateSchool(context, positionals[1]!, {
        ...(typeof values['time-zone'] === 'string' ? { timeZone: values['time-zone'] } : {}),
        ...(typeof values['prompt-day'] === 'string' ? { promptDay: values['prompt-day'] } : {}),
        ...(typeof values['prompt-time'] === 'string' ? { promptTime: values['prompt-time'] } : {}),
      });
    },
  },
};

export function helpText(): string[] {
  return [
    'Usage: npm run homeroom -- <command>',
    '',
    '  start',
    '      Run the service: HTTP, the chat platforms, the scheduler and the delivery worker.',
    '  worker',
    '      Run one more delivery worker beside the service, for more sending capacity (PostgreSQL only).',
    ...Object.values(commands).flatMap((spec) => [`  ${spec.usage}`, `      ${spec.summary}`]),
    '',
    'Settings come from environment variables or a .env file; see the README.',
  ];
}

/** Returns the command named first in `argv`, or undefined. */
export function findCommand(argv: string[]): CommandSpec | undefined {
  return argv[0] ? commands[argv[0]] : undefined;
}

/** Runs a command against an open context, turning usage errors into output. */
export async function runCommandLine(
  context: DatabaseContext | Runtime,
  argv: string[],
  options: RunOptions,
): Promise<CommandOutput> {
  const [name, ...args] = argv;
  const spec = findCommand(argv);
  if (!spec) return failure(`Unknown command "${name ?? ''}".`, ...helpText());
  try {
    if (spec.needs === 'database') return await spec.run(context, args, options);
    if (!('queue' in context)) throw new Error(`${name} needs Redis and the chat platforms, which are not open.`);

    return await spec.run(context, args, options);
  } catch (error) {
    if (error instanceof UsageError) return failure(error.message, `Usage: npm run homeroom -- ${spec.usage}`);
    throw error;
  }
}
