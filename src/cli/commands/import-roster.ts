import { formatRosterReport, importRoster, RosterError } from '../../roster/import-roster.ts';
import type { DatabaseContext } from '../../runtime.ts';
import { failure, success, type CommandOutput } from '../command-output.ts';

/** Imports the OneRoster package in the absolute folder `dir` and reports what changed, or every problem that stopped it. */
export async function runImportRoster(context: DatabaseContext, dir: string): Promise<CommandOutput> {
  try {
    const report = await importRoster(context.db.prisma, dir, {
      defaultTimeZone: context.config.DEFAULT_TIME_ZONE,
      logger: context.logger,
    });

    return success(...formatRosterReport(report));
  } catch (error) {
    if (error instanceof RosterError) return failure(...error.message.split('\n'));
    throw error;
  }
}
