import type { RequestListener } from 'node:http';
import { App, HTTPReceiver, LogLevel, type Receiver } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { BotContext } from '../../src/bot/homeroom-bot.ts';
import type { Config } from '../../src/config.ts';
import type { PlatformAdapter } from '../../src/messaging/platform-adapter.ts';
import { boltLogger } from './bolt-logger.ts';
import { registerCommandHandlers } from './handlers/commands.ts';
import { registerMessageHandlers } from './handlers/direct-messages.ts';
import { registerReflectionFormHandlers } from './handlers/reflection-form.ts';
import { SlackMessenger } from './slack-messenger.ts';
import { SocketModeReceiver } from './socket-mode-receiver.ts';

export const SLACK_EVENTS_PATH = '/slack/events';

export interface SlackAdapter extends PlatformAdapter {
  app: App;
  client: WebClient;
  messenger: SlackMessenger;
}

export type SlackSettings = Pick<Config, 'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL'>;

/**
 * Builds the Bolt app: over HTTP (events, commands and interactivity all on
 * POST /slack/events) or, when an app-level token is set, over Socket Mode.
 */
export function createSlackAdapter(settings: SlackSettings, bot: BotContext): SlackAdapter {
  if (!settings.SLACK_BOT_TOKEN) throw new Error('SLACK_BOT_TOKEN is required for the Slack adapter.');
  const logger = boltLogger(bot.logger);
  const clientOptions = settings.SLACK_API_URL ? { slackApiUrl: settings.SLACK_API_URL } : {};

  let receiver: Receiver;
  let requestListener: RequestListener | undefined;
  if (settings.SLACK_APP_TOKEN) {
    receiver = new SocketModeReceiver({ appToken: settings.SLACK_APP_TOKEN, clientOptions, logger });
  } else {
    const httpReceiver = new HTTPReceiver({
      signingSecret: settings.SLACK_SIGNING_SECRET ?? '',
      endpoints: SLACK_EVENTS_PATH,
      logger,
      // Responding only after the handler finished lets a failed event return
      // an error, so Slack resends it instead of the reply being lost. Resent
      // events are filed once, and handlers stay well inside Slack's 3 seconds.
      processBeforeResponse: true,
    });
    receiver = httpReceiver;
    requestListener = rejectFutureTimestamps(httpReceiver.requestListener);
  }

  // Handlers must respond within Slack's 3 seconds, so their client fails fast
  // on rate limits and errors (the event then fails and Slack resends it),
  // while the delivery worker's client waits out Retry-After as long as needed.
  const app = new App({
    token: settings.SLACK_BOT_TOKEN,
    receiver,
    logger,
    logLevel: LogLevel.WARN,
    clientOptions: { ...clientOptions, rejectRateLimitedCalls: true, retryConfig: { retries: 1, maxRetryTime: 1500 } },
  });
  const workerClient = new WebClient(settings.SLACK_BOT_TOKEN, { ...clientOptions, logger, logLevel: LogLevel.WARN });
  const messenger = new SlackMessenger(bot.prisma, workerClient);

  registerCommandHandlers(app, bot);
  registerMessageHandlers(app, bot);
  registerReflectionFormHandlers(app, bot);
  app.error(async (error) => {
    bot.logger.error({ err: error, component: 'slack' }, 'slack handler failed');
    // Rethrowing makes the HTTP receiver respond with 500, so Slack resends the event.
    throw error;
  });

  return {
    name: 'slack',
    app,
    client: app.client,
    messenger,
    ...(requestListener ? { httpRoutes: { [SLACK_EVENTS_PATH]: requestListener } } : {}),
    async start() {
      if (settings.SLACK_APP_TOKEN) await app.start();
    },
    async stop() {
      if (settings.SLACK_APP_TOKEN) await app.stop();
    },
  };
}

// Bolt rejects requests more than five minutes old but not ones dated in the
// future, which a replayed request with a forged clock could exploit.
const MAX_CLOCK_SKEW_SECONDS = 300;

function rejectFutureTimestamps(listener: RequestListener): RequestListener {
  return (request, response) => {
    const timestamp = Number(request.headers['x-slack-request-timestamp']);
    if (Number.isFinite(timestamp) && timestamp - Date.now() / 1000 > MAX_CLOCK_SKEW_SECONDS) {
      response.writeHead(401, { 'content-type': 'text/plain' });
      response.end('Request timestamp is in the future.');

      return;
    }
    listener(request, response);
  };
}
