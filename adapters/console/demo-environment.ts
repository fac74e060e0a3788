import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.ts';

/** The throwaway places one demo run uses: a data folder and a queue prefix of its own. */
export interface DemoEnvironment {
  config: Config;
  dataDir: string;
  queuePrefix: string;
  /** Deletes the data folder. Call it only after the database is closed. */
  removeDataDir(): void;
}

/**
 * Builds the demo's settings from `env`. DATABASE_URL and the Slack
 * settings are ignored, so that the demo never touches a real database or
 * workspace, and the random queue prefix keeps its jobs apart from a
 * running service that shares the same Redis.
 */
export function createDemoEnvironment(env: NodeJS.ProcessEnv): DemoEnvironment {
  const queuePrefix = `homeroom-demo-${randomBytes(4).toString('hex')}`;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'homeroom-demo-'));
  const removeDataDir = () => rmSync(dataDir, { recursive: true, force: true });

  try {
    const config = loadConfig({
      ...env,
      DATABASE_URL: '',
      DATA_DIR: dataDir,
      QUEUE_PREFIX: queuePrefix,
      LOG_LEVEL: 'warn',
      SLACK_BOT_TOKEN: '',
      SLACK_SIGNING_SECRET: '',
      SLACK_APP_TOKEN: '',
      SLACK_API_URL: '',
    });

    return { config, dataDir, queuePrefix, removeDataDir };
  } catch (error) {
    removeDataDir();
    throw error;
  }
}
