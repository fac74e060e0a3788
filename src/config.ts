import cron from 'node-cron';
import { z } from 'zod';

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const schema = z.object({
  DATABASE_URL: optionalText,
  DATA_DIR: z.string().default('./data'),
  REDIS_URL: z.string().default('redis://127.0.0.1:6379'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'use letters, digits, "-" and "_" only')
    .default('homeroom'),
  SWEEP_CRON: z
    .string()
    .default('* * * * *')
    .refine((expression) => cron.validate(expression), 'not a cron expression; use five fields such as "* * * * *"'),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(500).default(50),
  DEFAULT_TIME_ZONE: z.string().default('UTC'),
  SLACK_BOT_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_API_URL: optionalText,
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_API_URL: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_READY_GRACE_SECONDS: z.coerce.number().int().min(0).default(180),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the settings from `env` once, at start, and names every invalid variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid settings. Fix these environment variables: ${problems.join('; ')}`);
  }

  const config = result.data;
  if (config.SLACK_BOT_TOKEN && !config.SLACK_SIGNING_SECRET && !config.SLACK_APP_TOKEN) {
    throw new ConfigError(
      'SLACK_BOT_TOKEN is set but SLACK_SIGNING_SECRET is missing. Set SLACK_SIGNING_SECRET (Basic Information > Signing Secret) or SLACK_APP_TOKEN for Socket Mode.',
    );
  }
  if (Boolean(config.DISCORD_TOKEN) !== Boolean(config.DISCORD_APPLICATION_ID)) {
    throw new ConfigError(
      'Discord needs both DISCORD_TOKEN and DISCORD_APPLICATION_ID. Set the missing one (Developer Portal > your application: Bot > Token, General Information > Application ID), or unset both to run without Discord.',
    );
  }
  if (!isValidTimeZone(config.DEFAULT_TIME_ZONE)) {
    throw new ConfigError(`DEFAULT_TIME_ZONE: "${config.DEFAULT_TIME_ZONE}" is not an IANA time zone such as America/Chicago.`);
  }

  return config;
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });

    return true;
  } catch {
    return false;
  }
}
