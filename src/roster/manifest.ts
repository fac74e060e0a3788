import { t } from '../i18n/index.ts';
import type { CsvTable } from './csv.ts';
import type { ProblemLog } from './problems.ts';

export type OneRosterVersion = '1.1' | '1.2';
export type FileMode = 'bulk' | 'delta' | 'absent';

export interface Manifest {
  version: OneRosterVersion;
  /** Mode by lower-case file name without `.csv`, for example `users` or `academicsessions`. */
  fileModes: Map<string, FileMode>;
}

export const manifestColumns = ['propertyName', 'value'] as const;

/** Reads manifest.csv: the OneRoster version and whether each file is bulk, delta or absent. */
export function readManifest(table: CsvTable, log: ProblemLog): Manifest | undefined {
  const file = table.file;
  let version: OneRosterVersion | undefined;
  let versionSeen = false;
  const fileModes = new Map<string, FileMode>();

  for (const row of table.rows) {
    const property = row.values.get('propertyName') ?? '';
    const value = (row.values.get('value') ?? '').trim();

    if (property === 'oneroster.version') {
      versionSeen = true;
      // 1.2 packages sometimes give the point release, for example 1.2.1.
      if (value === '1.1') version = '1.1';
      else if (/^1\.2(\.\d+)?$/.test(value)) version = '1.2';
      else log.error({ file, row: row.line, column: 'value' }, t('roster:errors.unknown_version', { value }));
      continue;
    }

    if (!property.startsWith('file.')) continue;
    const name = property.slice('file.'.length).toLowerCase();
    const mode = value.toLowerCase();
    if (mode === '') {
      log.warn({ file, row: row.line }, t('roster:warnings.empty_manifest_value', { property }));
      fileModes.set(name, 'absent');
    } else if (mode === 'bulk' || mode === 'delta' || mode === 'absent') {
      fileModes.set(name, mode);
    } else {
      log.error({ file, row: row.line, column: 'value' }, t('roster:errors.invalid_file_mode', { property, value }));
    }
  }

  if (!versionSeen) log.error({ file }, t('roster:errors.missing_version'));
  if (!version) return undefined;

  return { version, fileModes };
}
