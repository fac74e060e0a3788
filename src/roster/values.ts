import { DateTime } from 'luxon';

/** A row's OneRoster `status`. Empty means active, as bulk files leave it blank. */
export type RowStatus = 'active' | 'inactive' | 'tobedeleted';

/**
 * Parses a `status` value. `inactive` is not in the OneRoster spec but real
 * exports use it, so it is accepted. Returns undefined for anything else.
 */
export function parseStatus(value: string): RowStatus | undefined {
  const lower = value.toLowerCase();
  if (lower === '' || lower === 'active') return 'active';
  if (lower === 'inactive') return 'inactive';
  if (lower === 'tobedeleted') return 'tobedeleted';

  return undefined;
}

/** Parses `enabledUser` (`true`/`false` in any case). Empty means enabled. Returns undefined when invalid. */
export function parseEnabled(value: string): boolean | undefined {
  const lower = value.toLowerCase();
  if (lower === '' || lower === 'true') return true;
  if (lower === 'false') return false;

  return undefined;
}

/**
 * Parses a date as exports write it: `2026-08-24`, a full ISO timestamp (its
 * calendar date is kept as written, not converted to UTC) or `d/m/yyyy`.
 * Returns `YYYY-MM-DD`, or undefined when the value is not a real date.
 */
export function parseRosterDate(value: string): string | undefined {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])/.exec(value);
  if (iso) {
    const timestampValid = value.length === 10 || DateTime.fromISO(value.replace(' ', 'T'), { setZone: true }).isValid;
    return timestampValid ? checkedDate(Number(iso[1]), Number(iso[2]), Number(iso[3])) : undefined;
  }

  const dayFirst = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (dayFirst) return checkedDate(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));

  return undefined;
}

function checkedDate(year: number, month: number, day: number): string | undefined {
  const date = DateTime.fromObject({ year, month, day }, { zone: 'UTC' });

  return date.isValid ? date.toISODate() ?? undefined : undefined;
}
