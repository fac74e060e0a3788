import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger.ts';
import { runSweep, type SweepContext } from './sweep.ts';

/**
 * Runs the sweep on `expression` (every minute by default). A sweep that
 * is still running when the next one is due makes that one skip.
 */
export function startScheduler(ctx: SweepContext, expression: string, logger: Logger): ScheduledTask {
  if (!cron.validate(expression)) {
    throw new Error(`SWEEP_CRON: "${expression}" is not a cron expression such as "* * * * *".`);
  }

  return cron.schedule(
    expression,
    async () => {
      try {
        await runSweep(ctx, { now: new Date() });
      } catch (error) {
        logger.error({ err: error }, 'sweep failed; the next run tries again');
      }
    },
    { noOverlap: true, name: 'homeroom-sweep' },
  );
}
