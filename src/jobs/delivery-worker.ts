import { Worker, type ConnectionOptions } from 'bullmq';
import { deliver, type DeliverContext } from './deliver.ts';
import { DELIVERY_QUEUE, type DeliveryJobData } from './delivery-queue.ts';

export interface DeliveryWorkerOptions {
  connection: ConnectionOptions;
  prefix: string;
  concurrency: number;
}

/** Starts a BullMQ worker that sends deliveries; stop it with `close()`. */
export function startDeliveryWorker(ctx: DeliverContext, options: DeliveryWorkerOptions): Worker<DeliveryJobData> {
  const worker = new Worker<DeliveryJobData>(DELIVERY_QUEUE, (job) => deliver(ctx, job.data.deliveryId), {
    connection: options.connection,
    prefix: options.prefix,
    concurrency: options.concurrency,
  });

  worker.on('failed', (job, error) => {
    if (!job) return;
    const finalAttempt = job.attemptsMade >= (job.opts.attempts ?? 1);
    ctx.logger.error({ err: error, deliveryId: job.data.deliveryId, attempt: job.attemptsMade, finalAttempt }, 'delivery attempt failed');
    if (finalAttempt) {
      void ctx.prisma.delivery
        .updateMany({ where: { id: job.data.deliveryId, status: { in: ['pending', 'sending'] } }, data: { status: 'failed' } })
        .catch((updateError: unknown) => ctx.logger.error({ err: updateError }, 'could not mark delivery failed'));
    }
  });
  worker.on('error', (error) => ctx.logger.error({ err: error }, 'delivery worker error'));

  return worker;
}
