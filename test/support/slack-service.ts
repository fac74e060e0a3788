import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createPlatformAdapters } from '../../adapters/index.ts';
import { loadConfig } from '../../src/config.ts';
import { createLogger } from '../../src/logger.ts';
import { importRoster } from '../../src/roster/import-roster.ts';
import { startService, type RunningService } from '../../src/service.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/index.ts';
import { bulk11, sharedOneRosterDir, writePackage } from '../fixtures/oneroster/packages.ts';
import { createPostgresDatabase, type TestDatabase } from './database.ts';

export const signingSecret = 'e2e-signing-secret';

/**
 * The real OneRoster sample when the shared data folder is present, else the
 * project's own fixture with the same quirks (also when TEST_OWN_ROSTER=1).
 */
export function rosterPackageDir(): string {
  const shared = path.join(sharedOneRosterDir, 'catalyst-v1p1/full');
  if (existsSync(shared) && process.env.TEST_OWN_ROSTER !== '1') return shared;

  return writePackage(bulk11());
}

export interface SlackServiceHarness {
  fake: FakeSlack;
  db: TestDatabase;
  service: RunningService;
  eventsUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the whole service against a fake Slack and a fresh PostgreSQL
 * database holding the imported roster.
 */
export async function startSlackService(
  rosterDir = rosterPackageDir(),
  options: { socketMode?: boolean } = {},
): Promise<SlackServiceHarness> {
  const fake = await startFakeSlack();
  const db = await createPostgresDatabase();
  await importRoster(db.prisma, rosterDir, { defaultTimeZone: 'America/New_York' });

  const config = loadConfig({
    DATABASE_URL: db.url,
    PORT: '0',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `homeroom-test-${randomBytes(4).toString('hex')}`,
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_SIGNING_SECRET: signingSecret,
    SLACK_API_URL: fake.apiUrl,
    ...(options.socketMode ? { SLACK_APP_TOKEN: fake.appToken } : {}),
    // Sweeps run only when a test starts one.
    SWEEP_CRON: '0 0 1 1 *',
    LOG_LEVEL: 'silent',
  });
  const service = await startService(config, createLogger('silent'), createPlatformAdapters);

  return {
    fake,
    db,
    service,
    eventsUrl: `http://127.0.0.1:${service.port}/slack/events`,
    async stop() {
      await service.runtime.queue.obliterate({ force: true });
      await service.stop();
      await db.destroy();
      await fake.close();
    },
  };
}
