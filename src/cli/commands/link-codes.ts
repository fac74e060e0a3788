import { writeFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { createLinkCodes } from '../../linking/link-codes.ts';
import type { DatabaseContext } from '../../runtime.ts';
import { failure, success, type CommandOutput } from '../command-output.ts';
import { findSchool } from './find-school.ts';

/** Issues link codes to everyone in a school and prints them as CSV, or writes them to `outFile`. */
export async function runLinkCodes(
  context: DatabaseContext,
  options: { school: string; outFile?: string; ttlHours?: number },
): Promise<CommandOutput> {
  const school = await findSchool(context.db.prisma, options.school);
  if (!school) return failure(`School "${options.school}" was not found. Run \`npm run homeroom -- schools\` to list them.`);

  const codes = await createLinkCodes(context.db.prisma, {
    schoolId: school.id,
    now: new Date(),
    ...(options.ttlHours !== undefined ? { ttlHours: options.ttlHours } : {}),
  });
  const csv = stringify(
    codes.map((entry) => [entry.name, entry.email ?? '', entry.sourcedId, entry.code, entry.expiresAt.toISOString()]),
    { header: true, columns: ['name', 'email', 'sourcedId', 'code', 'expiresAt'] },
  );
  context.logger.info({ schoolId: school.id, count: codes.length }, 'issued link codes');

  if (!options.outFile) return success(...csv.trimEnd().split('\n'));
  // Only the owner may read the file, because each code links an account.
  writeFileSync(options.outFile, csv, { mode: 0o600 });

  return success(`Wrote ${codes.length} link codes for ${school.name} to ${options.outFile}. Earlier unused codes no longer work.`);
}
