// Runs one extra delivery worker process, as `npm run homeroom -- worker` does.
import { createPlatformAdapters } from '../adapters/index.ts';
import { loadConfig } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { startWorkerProcess, type RunningWorker } from '../src/worker.ts';
import { serveParent } from './child-process.ts';

let worker: RunningWorker | undefined;

serveParent(
  {
    async start(env: Record<string, string>): Promise<void> {
      const config = loadConfig(env);
      worker = await startWorkerProcess(config, createLogger(config.LOG_LEVEL), createPlatformAdapters);
    },
  },
  async () => {
    await worker?.stop();
  },
);
