// Imports the roster in its own process, as `homeroom import-roster` would,
// so that the import's memory does not count towards the service's.
import { openDatabase } from '../src/db/client.ts';
import { importRoster } from '../src/roster/import-roster.ts';
import { serveParent } from './child-process.ts';

export interface ImportResult {
  durationMs: number;
  maxRssBytes: number;
  people: unknown;
  advisories: unknown;
  advisoryMembers: unknown;
}

serveParent({
  async import(input: { databaseUrl: string; dir: string; timeZone: string }): Promise<ImportResult> {
    let maxRssBytes = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      maxRssBytes = Math.max(maxRssBytes, process.memoryUsage().rss);
    }, 100);
    const db = await openDatabase({ databaseUrl: input.databaseUrl, dataDir: '' });
    try {
      const started = performance.now();
      const report = await importRoster(db.prisma, input.dir, { defaultTimeZone: input.timeZone });
      const durationMs = performance.now() - started;
      maxRssBytes = Math.max(maxRssBytes, process.memoryUsage().rss);

      return { durationMs, maxRssBytes, people: report.people, advisories: report.advisories, advisoryMembers: report.advisoryMembers };
    } finally {
      clearInterval(sampler);
      await db.close();
    }
  },
});
