import { parse, CsvError } from 'csv-parse/sync';
import { t } from '../i18n/index.ts';
import type { ProblemLog } from './problems.ts';

/** One data row: its line in the file (header = row 1) and its values by canonical column name. */
export interface CsvRow {
  line: number;
  values: Map<string, string>;
}

export interface CsvTable {
  file: string;
  /** Canonical names of the known columns that the header contains. */
  columns: Set<string>;
  rows: CsvRow[];
}

// Misspellings seen in real exports, mapped to the column the spec names.
const headerAliases: Record<string, string> = {
  prefferedgivenname: 'preferredGivenName',
  prefferedmiddlename: 'preferredMiddleName',
  prefferedfamilyname: 'preferredFamilyName',
  datalastmodified: 'dateLastModified',
};

/**
 * Parses CSV `content` and keeps only `knownColumns` (matched case-insensitively,
 * with known misspellings as aliases). Values of every other column, passwords
 * included, are dropped here and never reach a returned object. Tolerates a BOM,
 * CRLF, a missing final newline and rows with fewer or more fields than the header.
 */
export function parseCsvTable(file: string, content: Buffer, knownColumns: readonly string[], log: ProblemLog): CsvTable | undefined {
  let records: { record: string[]; info: { bytes: number; empty_lines: number } }[];
  try {
    records = parse(content, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as typeof records;
  } catch (error) {
    // csv-parse's own message can quote field values, passwords included, so
    // only its line number is passed on.
    if (error instanceof CsvError) {
      const row = typeof error.lines === 'number' ? error.lines : undefined;
      log.error({ file, row }, t('roster:errors.csv_syntax', { reason: describeCsvError(error.code) }));
      return undefined;
    }
    throw error;
  }

  const header = records[0];
  if (!header) {
    log.error({ file }, t('roster:errors.empty_file'));
    return undefined;
  }

  const canonicalByLowerCase = new Map(knownColumns.map((column) => [column.toLowerCase(), column]));
  const fieldColumns = header.record.map((name) => {
    const lower = name.trim().toLowerCase();
    return canonicalByLowerCase.get(headerAliases[lower]?.toLowerCase() ?? lower);
  });
  const columns = new Set(fieldColumns.filter((column) => column !== undefined));

  const lineOf = lineCounter(content);
  const rows: CsvRow[] = [];
  let previous = header.info;
  for (const { record, info } of records.slice(1)) {
    const line = lineOf(previous.bytes) + 1 + (info.empty_lines - previous.empty_lines);
    previous = info;

    const values = new Map<string, string>();
    fieldColumns.forEach((column, index) => {
      if (column !== undefined) values.set(column, (record[index] ?? '').trim());
    });
    rows.push({ line, values });
  }

  return { file, columns, rows };
}

/** Returns a function that counts the line breaks before a byte offset; offsets must not decrease. */
function lineCounter(content: Buffer): (offset: number) => number {
  let position = 0;
  let breaks = 0;

  return (offset) => {
    for (; position < offset && position < content.length; position += 1) {
      const byte = content[position];
      if (byte === 0x0a) breaks += 1;
      // A lone CR (old Mac line ending) ends a line too; CRLF is counted at its LF.
      if (byte === 0x0d && content[position + 1] !== 0x0a) breaks += 1;
    }
    return breaks;
  };
}

function describeCsvError(code: string): string {
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return t('roster:csv.quote_not_closed');
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_INVALID_OPENING_QUOTE':
      return t('roster:csv.invalid_quote');
    default:
      return t('roster:csv.unreadable', { code });
  }
}

/** Splits a multi-value field such as `"as-1,as-2"` into trimmed, non-empty parts. */
export function splitList(value: string | undefined): string[] {
  if (!value) return [];

  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}
