// Runs the Homeroom service in its own process, started as the end-to-end
// tests start it, so that its resident memory and event loop are its own.
import { createPlatformAdapters } from '../adapters/index.ts';
import { runCommandLine } from '../src/cli/command-table.ts';
import type { CommandOutput } from '../src/cli/command-output.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { startService, type RunningService } from '../src/service.ts';
import { serveParent } from './child-process.ts';
import { MemorySampler, type MemoryPhase } from './memory-sampler.ts';

export interface WeekRun {
  /** Date.now() just before the command started. */
  startedAt: number;
  finishedAt: number;
  output: CommandOutput;
}

const sampler = new MemorySampler(100);
sampler.startPhase('service start');
let service: RunningService | undefined;

serveParent(
  {
    async start(env: Record<string, string>): Promise<{ port: number; workerConcurrency: number }> {
      const config = loadConfig(env);
      service = await startService(config, createLogger(config.LOG_LEVEL), createPlatformAdapters);

      return { port: service.port, workerConcurrency: config.WORKER_CONCURRENCY };
    },
    phase(name: string) {
      sampler.startPhase(name);
    },
    /** Runs `run weekly-reflections` as the local CLI does inside the service, with the clock `shiftMs` ahead. */
    async runWeek(shiftMs: number): Promise<WeekRun> {
      if (!service) throw new Error('the service has not been started');
      const { bot } = service.runtime;
      const realNow = bot.now;
      bot.now = () => new Date(Date.now() + shiftMs);
      try {
        const startedAt = Date.now();
        const output = await runCommandLine(service.runtime, ['run', 'weekly-reflections'], { inService: true, cwd: process.cwd() });

        return { startedAt, finishedAt: Date.now(), output };
      } finally {
        bot.now = realNow;
      }
    },
    memory(): MemoryPhase[] {
      return sampler.stop();
    },
  },
  async () => {
    sampler.stop();
    if (!service) return;
    await service.runtime.queue.obliterate({ force: true });
    await service.stop();
  },
);
