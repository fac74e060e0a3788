import type { PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { planWeeklyReflections, type PlannedWeek } from '../reflection/plan-weekly-reflections.ts';
import { planUndeliverableNotices } from '../reflection/undeliverable-notices.ts';
import { enqueueDeliveries, type DeliveryQueue } from './delivery-queue.ts';

export interface SweepContext {
  prisma: PrismaClient;
  queue: DeliveryQueue;
  logger: Logger;
}

export interface SweepOptions {
  now: Date;
  schoolId?: string;
  includeUpcoming?: boolean;
}

export interface SweepResult {
  planned: PlannedWeek[];
  enqueued: number;
  deliveryIds: string[];
}

const PAGE_SIZE = 5000;

/**
 * Finds the work that is due and hands it to the queue: first it creates
 * the rows for due schedules (weekly prompts, and advisors' notices of
 * prompts that could not be delivered), then it enqueues every pending delivery.
 * Job ids are derived from delivery ids, so overlapping sweeps in several
 * processes enqueue each delivery once.
 */
export async function runSweep(ctx: SweepContext, options: SweepOptions): Promise<SweepResult> {
  const planned = await planWeeklyReflections(ctx.prisma, options);
  const notices = await planUndeliverableNotices(ctx.prisma, options.now);

  const deliveryIds: string[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await ctx.prisma.delivery.findMany({
      where: {
        status: 'pending',
        dueAt: { lte: options.now },
        ...(options.schoolId ? { recipient: { schoolId: options.schoolId } } : {}),
      },
      select: { id: true },
      orderBy: { id: 'asc' },
      take: PAGE_SIZE,
      ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
    });
    if (page.length === 0) break;
    const ids = page.map((row) => row.id);
    await enqueueDeliveries(ctx.queue, ids);
    deliveryIds.push(...ids);
    cursor = ids[ids.length - 1];
  }

  const created = planned.reduce((sum, week) => sum + week.created, 0) + notices;
  if (created > 0 || deliveryIds.length > 0) {
    ctx.logger.info({ created, enqueued: deliveryIds.length }, 'sweep enqueued due deliveries');
  }

  return { planned, enqueued: deliveryIds.length, deliveryIds };
}
