import type { RequestListener } from 'node:http';
import type { Messenger } from './messenger.ts';

/** A running chat platform as the service sees it: how to send, serve and stop. */
export interface PlatformAdapter {
  readonly name: string;
  readonly messenger: Messenger;
  /** HTTP routes the platform needs on the service's port, by path. */
  readonly httpRoutes?: Record<string, RequestListener>;
  /** Returns whether the platform connection is healthy, for GET /readyz. */
  ready?(): Promise<boolean>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
