import path from 'node:path';
import { runCommandLine } from '../../src/cli/command-table.ts';
import { t } from '../../src/i18n/index.ts';
import { importRoster } from '../../src/roster/import-roster.ts';
import type { Runtime } from '../../src/runtime.ts';

/** The OneRoster CSV package of the fictional school the demo starts with. */
export const demoSchoolDir = path.resolve(import.meta.dirname, '../../demo/school');

/** Raised when a startup step fails. Its message is ready to print. */
export class DemoStartError extends Error {
  override name = 'DemoStartError';
}

/** Imports the demo school and returns the one-line summary to print. */
export async function importDemoSchool(runtime: Runtime): Promise<string> {
  const report = await importRoster(runtime.db.prisma, demoSchoolDir, {
    defaultTimeZone: runtime.config.DEFAULT_TIME_ZONE,
    logger: runtime.logger,
  });

  return t('console:startup.imported', {
    dir: path.relative(process.cwd(), demoSchoolDir) || demoSchoolDir,
    people: report.people.created,
    advisories: report.advisories.created,
    mentorships: report.mentorships.created,
  });
}

/**
 * Sends this week's prompts the way an operator would, through the sweep,
 * the queue and a delivery worker, and returns the one-line summary.
 */
export async function sendWeeklyPrompts(runtime: Runtime): Promise<string> {
  const output = await runCommandLine(runtime, ['run', 'weekly-reflections'], { inService: false, cwd: process.cwd() });
  if (output.exitCode !== 0) throw new DemoStartError(output.lines.join('\n'));

  return t('console:startup.prompts', { summary: output.lines.join(' ') });
}
