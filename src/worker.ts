import type { Config } from './config.ts';
import { ConfigError } from './config.ts';
import { startDeliveryWorker } from './jobs/delivery-worker.ts';
import type { Logger } from './logger.ts';
import { openRuntime, type AdapterFactory, type Runtime } from './runtime.ts';

export interface RunningWorker {
  runtime: Runtime;
  stop(): Promise<void>;
}

/**
 * Starts a delivery worker without HTTP or scheduler, to add sending
 * capacity beside the service. Several workers share the BullMQ queue.
 */
export async function startWorkerProcess(config: Config, logger: Logger, createAdapters: AdapterFactory): Promise<RunningWorker> {
  if (!config.DATABASE_URL) {
    throw new ConfigError(
      'A separate worker needs PostgreSQL: set DATABASE_URL. The embedded database can be opened by one process only, and the service already runs a worker.',
    );
  }
  const runtime = await openRuntime({ config, logger, createAdapters });
  const worker = startDeliveryWorker(
    { prisma: runtime.db.prisma, messengers: runtime.adapters.map((adapter) => adapter.messenger), logger },
    { connection: runtime.redis, prefix: config.QUEUE_PREFIX, concurrency: config.WORKER_CONCURRENCY },
  );
  logger.info({ platforms: runtime.adapters.map((adapter) => adapter.name) }, 'homeroom delivery worker started');

  return {
    runtime,
    async stop() {
      await worker.close();
      await runtime.close();
      logger.info('homeroom delivery worker stopped');
    },
  };
}
