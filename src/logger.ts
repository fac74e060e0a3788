import pino, { type Logger } from 'pino';

export type { Logger };

// Tokens, passwords and the text people write never reach the log, even
// when a caller passes a whole object by mistake.
const redactedPaths = [
  'token',
  '*.token',
  'password',
  '*.password',
  'text',
  '*.text',
  'email',
  '*.email',
  'headers.authorization',
  'config.SLACK_BOT_TOKEN',
  'config.SLACK_SIGNING_SECRET',
  'config.SLACK_APP_TOKEN',
  'config.DISCORD_TOKEN',
  'config.DATABASE_URL',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino({ level, base: { service: 'homeroom' }, redact: { paths: redactedPaths, censor: '[redacted]' } }, destination);
}
