import type { App, Logger as BoltLogger, Receiver, ReceiverEvent } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import type { WebClientOptions } from '@slack/web-api';

interface SocketModeEventArgs {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  body: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
}

/**
 * A Socket Mode receiver that passes the Web API options on to the socket
 * client. Bolt's own receiver does not, so its `apps.connections.open` call
 * would ignore SLACK_API_URL.
 */
export class SocketModeReceiver implements Receiver {
  private readonly client: SocketModeClient;
  private app: App | undefined;

  constructor(options: { appToken: string; clientOptions: WebClientOptions; logger: BoltLogger }) {
    this.client = new SocketModeClient({
      appToken: options.appToken,
      clientOptions: options.clientOptions,
      logger: options.logger,
    });
    this.client.on('slack_event', async (args: SocketModeEventArgs) => {
      const event: ReceiverEvent = {
        body: args.body,
        ack: async (response?: unknown) => args.ack(response as Record<string, unknown> | undefined),
        ...(args.retry_num !== undefined ? { retryNum: args.retry_num } : {}),
        ...(args.retry_reason !== undefined ? { retryReason: args.retry_reason } : {}),
      };
      try {
        await this.app?.processEvent(event);
      } catch (error) {
        options.logger.error('socket mode event failed', error);
      }
    });
  }

  init(app: App): void {
    this.app = app;
  }

  async start(): Promise<unknown> {
    return this.client.start();
  }

  async stop(): Promise<unknown> {
    return this.client.disconnect();
  }
}
