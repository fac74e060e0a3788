import { setTimeout as sleep } from 'node:timers/promises';
import { startDeliveryWorker } from '../../jobs/delivery-worker.ts';
import { runSweep } from '../../jobs/sweep.ts';
import type { Runtime } from '../../runtime.ts';
import { failure, success, type CommandOutput } from '../command-output.ts';
import { findSchool } from './find-school.ts';

export interface RunWeeklyOptions {
  schoolId?: string;
  /** How long to wait for the prompts to be sent before reporting. */
  timeoutMs?: number;
  /** Start a worker in this process; the service passes false because its own worker runs. */
  startWorker?: boolean;
}

// Waits at least two minutes, and longer for big schools, at an estimate of
// 50 ms a delivery on a loaded two-core machine.
function waitLimitMs(count: number, timeoutMs?: number): number {
  return timeoutMs ?? Math.max(120_000, count * 50);
}

async function countOpen(runtime: Runtime, ids: string[]): Promise<number> {
  let open = 0;
  for (let start = 0; start < ids.length; start += 5000) {
    open += await runtime.db.prisma.delivery.count({
      where: { id: { in: ids.slice(start, start + 5000) }, status: { in: ['pending', 'sending'] } },
    });
  }

  return open;
}

async function waitForDeliveries(runtime: Runtime, ids: string[], timeoutMs: number): Promise<Record<string, number>> {
  const deadline = Date.now() + timeoutMs;
  while ((await countOpen(runtime, ids)) > 0 && Date.now() < deadline) await sleep(500);

  return countStatuses(runtime, ids);
}

async function countStatuses(runtime: Runtime, ids: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (let start = 0; start < ids.length; start += 5000) {
    const groups = await runtime.db.prisma.delivery.groupBy({
      by: ['status'],
      where: { id: { in: ids.slice(start, start + 5000) } },
      _count: { _all: true },
    });
    for (const group of groups) counts[group.status] = (counts[group.status] ?? 0) + group._count._all;
  }

  return counts;
}

/** Plans this week's reflection prompts now, sends them, and reports what happened. */
export async function runWeeklyReflections(runtime: Runtime, options: RunWeeklyOptions): Promise<CommandOutput> {
  if (runtime.adapters.length === 0) {
    return failure(
      'No chat platform is configured, so no prompt can be sent.',
      'Set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or DISCORD_TOKEN and DISCORD_APPLICATION_ID (see the README), or run `npm run demo` to try Homeroom in the terminal.',
    );
  }
  if (options.schoolId) {
    const school = await findSchool(runtime.db.prisma, options.schoolId);
    if (!school) return failure(`School "${options.schoolId}" was not found. Run \`npm run homeroom -- schools\` to list them.`);
    options = { ...options, schoolId: school.id };
  }

  const worker =
    options.startWorker === false
      ? undefined
      : startDeliveryWorker(
          { prisma: runtime.db.prisma, messengers: runtime.adapters.map((adapter) => adapter.messenger), logger: runtime.logger },
          { connection: runtime.redis, prefix: runtime.config.QUEUE_PREFIX, concurrency: runtime.config.WORKER_CONCURRENCY },
        );
  try {
    const result = await runSweep(
      { prisma: runtime.db.prisma, queue: runtime.queue, logger: runtime.logger },
      { now: runtime.bot.now(), includeUpcoming: true, ...(options.schoolId ? { schoolId: options.schoolId } : {}) },
    );
    const counts = await waitForDeliveries(runtime, result.deliveryIds, waitLimitMs(result.deliveryIds.length, options.timeoutMs));

    // A second sweep plans the advisors' notices once every prompt was tried.
    const followUp = await runSweep(
      { prisma: runtime.db.prisma, queue: runtime.queue, logger: runtime.logger },
      { now: runtime.bot.now(), ...(options.schoolId ? { schoolId: options.schoolId } : {}) },
    );
    const noticeCounts = await waitForDeliveries(
      runtime,
      followUp.deliveryIds,
      waitLimitMs(followUp.deliveryIds.length, options.timeoutMs),
    );

    const lines = result.planned.map(
      (week) => `${week.schoolName}, week ${week.week}: ${week.created} new reflection prompt(s) planned.`,
    );
    if (result.planned.length === 0) lines.push('No school with active students was found.');
    lines.push(
      `Sent ${counts.sent ?? 0}, undeliverable ${counts.undeliverable ?? 0}, failed ${counts.failed ?? 0}, still queued ${(counts.pending ?? 0) + (counts.sending ?? 0)}.`,
    );
    if (followUp.deliveryIds.length > 0) {
      lines.push(`Told ${noticeCounts.sent ?? 0} advisor(s) which students could not be sent their prompt.`);
    }

    return success(...lines);
  } finally {
    await worker?.close();
  }
}
