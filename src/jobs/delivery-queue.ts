import { Queue, type ConnectionOptions } from 'bullmq';

export const DELIVERY_QUEUE = 'deliveries';

export interface DeliveryJobData {
  deliveryId: string;
}

export type DeliveryQueue = Queue<DeliveryJobData>;

export const deliveryJobOptions = {
  attempts: 8,
  // 5 s, 10 s, 20 s ... about 10 minutes in all before a delivery is marked failed.
  backoff: { type: 'exponential', delay: 5000 },
  removeOnComplete: { age: 3600, count: 50_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

export function createDeliveryQueue(connection: ConnectionOptions, prefix: string): DeliveryQueue {
  return new Queue<DeliveryJobData>(DELIVERY_QUEUE, { connection, prefix });
}

/** Returns the BullMQ job id of a delivery; the same delivery always gets the same id. */
export function deliveryJobId(deliveryId: string): string {
  // BullMQ rejects custom ids containing ':'.
  return `delivery-${deliveryId}`;
}

/** Adds jobs for the given deliveries; ids already queued are left alone by BullMQ. */
export async function enqueueDeliveries(queue: DeliveryQueue, deliveryIds: string[]): Promise<void> {
  if (deliveryIds.length === 0) return;
  await queue.addBulk(
    deliveryIds.map((deliveryId) => ({
      name: 'deliver',
      data: { deliveryId },
      opts: { ...deliveryJobOptions, jobId: deliveryJobId(deliveryId) },
    })),
  );
}
