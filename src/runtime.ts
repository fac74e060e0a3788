import type { Redis } from 'ioredis';
import type { BotContext } from './bot/homeroom-bot.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './db/client.ts';
import { describeDatabaseFailure } from './db/database-error.ts';
import { createDeliveryQueue, type DeliveryQueue } from './jobs/delivery-queue.ts';
import { connectRedis } from './jobs/redis.ts';
import type { Logger } from './logger.ts';
import type { PlatformAdapter } from './messaging/platform-adapter.ts';
import { seedPrompts } from './reflection/prompt-bank.ts';

export type AdapterFactory = (config: Config, bot: BotContext) => PlatformAdapter[];

/** The part of the runtime that database-only commands use. */
export interface DatabaseContext {
  config: Config;
  logger: Logger;
  db: Database;
}

/** Opens and migrates the configured database, seeding the prompt bank. */
export async function openDatabaseContext(config: Config, logger: Logger): Promise<DatabaseContext & { close(): Promise<void> }> {
  const target = { ...(config.DATABASE_URL ? { databaseUrl: config.DATABASE_URL } : {}), dataDir: config.DATA_DIR };
  const db = await openDatabase(target);
  try {
    const applied = await db.migrate();
    if (applied.length > 0) logger.info({ migrations: applied }, 'applied database migrations');
    await seedPrompts(db.prisma);
  } catch (error) {
    await db.close();
    throw describeDatabaseFailure(error, target);
  }

  return { config, logger, db, close: () => db.close() };
}

/** Everything a command or the service needs, opened once and closed together. */
export interface Runtime extends DatabaseContext {
  config: Config;
  logger: Logger;
  db: Database;
  redis: Redis;
  queue: DeliveryQueue;
  bot: BotContext;
  adapters: PlatformAdapter[];
  close(): Promise<void>;
}

export interface RuntimeOptions {
  config: Config;
  logger: Logger;
  createAdapters?: AdapterFactory;
  now?: () => Date;
}

/**
 * Opens the database (applying pending migrations and seeding the prompt
 * bank), connects Redis and builds the platform adapters.
 */
export async function openRuntime(options: RuntimeOptions): Promise<Runtime> {
  const { config, logger } = options;
  const redis = await connectRedis(config.REDIS_URL);
  let db: Database;
  try {
    ({ db } = await openDatabaseContext(config, logger));
  } catch (error) {
    redis.disconnect();
    throw error;
  }

  const queue = createDeliveryQueue(redis, config.QUEUE_PREFIX);
  const bot: BotContext = { prisma: db.prisma, logger, now: options.now ?? (() => new Date()) };
  const adapters = options.createAdapters?.(config, bot) ?? [];
  const database = db;

  return {
    config,
    logger,
    db: database,
    redis,
    queue,
    bot,
    adapters,
    async close() {
      await Promise.allSettled(adapters.map((adapter) => adapter.stop()));
      await queue.close();
      redis.disconnect();
      await database.close();
    },
  };
}
