import type { Server } from 'node:http';
import { localCommandHandler } from './cli/remote.ts';
import type { Config } from './config.ts';
import { startDeliveryWorker } from './jobs/delivery-worker.ts';
import { startScheduler } from './jobs/scheduler.ts';
import type { Logger } from './logger.ts';
import { openRuntime, type AdapterFactory, type Runtime } from './runtime.ts';
import { startHttpServer } from './server/http-server.ts';

export interface RunningService {
  runtime: Runtime;
  server: Server;
  port: number;
  stop(): Promise<void>;
}

/** Starts the whole service in this process: HTTP, chat platforms, scheduler and delivery worker. */
export async function startService(config: Config, logger: Logger, createAdapters: AdapterFactory): Promise<RunningService> {
  const runtime = await openRuntime({ config, logger, createAdapters });
  const { prisma } = runtime.db;

  const worker = startDeliveryWorker(
    { prisma, messengers: runtime.adapters.map((adapter) => adapter.messenger), logger },
    { connection: runtime.redis, prefix: config.QUEUE_PREFIX, concurrency: config.WORKER_CONCURRENCY },
  );
  const scheduler = startScheduler({ prisma, queue: runtime.queue, logger }, config.SWEEP_CRON, logger);

  const lock = runtime.db.lock;
  const server = await startHttpServer(
    config.PORT,
    {
      platformRoutes: Object.assign({}, ...runtime.adapters.map((adapter) => adapter.httpRoutes ?? {})),
      readiness: [
        { name: 'database', check: async () => (await prisma.$queryRaw`SELECT 1`, true) },
        { name: 'redis', check: async () => (await runtime.redis.ping()) === 'PONG' },
        ...runtime.adapters
          .filter((adapter) => adapter.ready)
          .map((adapter) => ({ name: adapter.name, check: () => adapter.ready!() })),
      ],
      ...(lock?.info.secret ? { localCommands: localCommandHandler(runtime, lock.info.secret) } : {}),
    },
    logger,
  );
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  lock?.advertise(port);

  for (const adapter of runtime.adapters) await adapter.start();
  logger.info(
    { port, database: runtime.db.kind, platforms: runtime.adapters.map((adapter) => adapter.name) },
    'homeroom service started',
  );

  return {
    runtime,
    server,
    port,
    async stop() {
      await scheduler.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await worker.close();
      await runtime.close();
      logger.info('homeroom service stopped');
    },
  };
}
