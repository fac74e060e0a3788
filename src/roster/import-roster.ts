import { IANAZone } from 'luxon';
import type { PrismaClient } from '../db/client.ts';
import { t } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import { applyPlan } from './apply-plan.ts';
import { loadExistingState } from './existing.ts';
import { planImport } from './plan-import.ts';
import { formatProblem, ProblemLog, RosterError } from './problems.ts';
import { readRosterPackage } from './read-package.ts';
import { buildReport, type RosterImportReport } from './report.ts';

export { RosterError } from './problems.ts';
export type { RosterProblem } from './problems.ts';
export { formatRosterReport, type EntityCounts, type RosterImportReport } from './report.ts';

export interface ImportRosterOptions {
  /** IANA time zone given to schools the import creates, for example `America/Chicago`. */
  defaultTimeZone: string;
  logger?: Logger;
}

// NOTE: an estimate with a wide margin. 10,000 students take about 6 s in
// test/integration/roster/large-roster.test.ts on 2 cores, on either database.
const transactionTimeoutMs = 300_000;

/**
 * Imports the OneRoster 1.1 or 1.2 CSV package in folder `dir` (bulk, delta
 * or mixed, as manifest.csv declares) in one transaction. Throws a RosterError
 * listing every problem found, in which case nothing is written.
 */
export async function importRoster(prisma: PrismaClient, dir: string, options: ImportRosterOptions): Promise<RosterImportReport> {
  const { defaultTimeZone, logger } = options;
  if (!IANAZone.isValidZone(defaultTimeZone)) {
    throw new RosterError([{ message: t('roster:errors.invalid_time_zone', { value: defaultTimeZone }) }]);
  }

  const log = new ProblemLog();
  try {
    // Row problems do not stop the import here, so that the planning step
    // reports unknown references as well and the user sees everything at once.
    const pkg = await readRosterPackage(dir, log);
    if (!pkg) {
      log.throwIfAny();
      throw new Error(`reading the roster package in ${dir} returned nothing and logged no problem`);
    }

    const plan = await prisma.$transaction(
      async (tx) => {
        const existing = await loadExistingState(tx, pkg);
        const planned = planImport(pkg, existing, log, defaultTimeZone);
        log.throwIfAny();
        await applyPlan(tx, planned);
        return planned;
      },
      { timeout: transactionTimeoutMs, maxWait: 30_000 },
    );

    const report = buildReport(pkg.version, pkg.mode, plan, log.warnings.map(formatProblem));
    logger?.info(
      { dir, version: report.version, mode: report.mode, people: report.people, advisories: report.advisories, warnings: report.warnings.length },
      'roster imported',
    );
    return report;
  } catch (error) {
    if (error instanceof RosterError) logger?.warn({ dir, problems: error.problems.length + error.omitted }, 'roster import rejected');
    throw error;
  }
}
