import { DateTime } from 'luxon';
import { isIsoDate } from './calendar-date.ts';
import { isValidTimeZone, zonedTimeToInstant } from './zoned-time.ts';

/** A school term as inclusive calendar dates, "YYYY-MM-DD", in the school's time zone. */
export interface TermDates {
  startDate: string;
  endDate: string;
}

/**
 * Finds the term whose inclusive dates contain `today`.
 *
 * When several terms contain it, as when OneRoster nests grading periods inside
 * semesters inside a school year, the outermost one wins: the earliest start, then
 * the latest end. Prompt rotation restarts with each term, and a short nested
 * term would restart it before students reach the later prompts.
 *
 * When no term contains `today`, the fallback is the calendar half-year around it:
 * January 1 to June 30, or July 1 to December 31. Terms whose dates are not
 * "YYYY-MM-DD" are ignored. Throws a RangeError when `today` is not a valid date.
 */
export function termContaining(today: string, terms: readonly TermDates[]): TermDates {
  if (!isIsoDate(today)) {
    throw new RangeError(`Invalid date "${today}": expected a calendar date as "YYYY-MM-DD".`);
  }

  let chosen: TermDates | undefined;
  for (const term of terms) {
    if (!isIsoDate(term.startDate) || !isIsoDate(term.endDate)) continue;
    // Dates in "YYYY-MM-DD" form sort the same as strings and as dates.
    if (term.startDate > today || term.endDate < today) continue;
    if (chosen === undefined || isOuter(term, chosen)) {
      chosen = term;
    }
  }
  if (chosen !== undefined) {
    return { startDate: chosen.startDate, endDate: chosen.endDate };
  }

  const year = today.slice(0, 4);
  return today.slice(5) <= '06-30'
    ? { startDate: `${year}-01-01`, endDate: `${year}-06-30` }
    : { startDate: `${year}-07-01`, endDate: `${year}-12-31` };
}

/** Returns the calendar date of `at` in `timeZone`, as "YYYY-MM-DD". */
export function localDate(at: Date, timeZone: string): string {
  if (!isValidTimeZone(timeZone)) {
    throw new RangeError(`Unknown time zone "${timeZone}": expected an IANA name such as "Europe/London".`);
  }
  const date = DateTime.fromJSDate(at, { zone: timeZone }).toISODate();
  if (date === null) {
    throw new RangeError('Invalid date passed as `at`.');
  }

  return date;
}

/**
 * Converts a term's inclusive dates to a half-open range of instants in
 * `timeZone`: from the start of `startDate` to the start of the day after `endDate`.
 * A day that starts inside a daylight saving gap starts when the gap ends.
 */
export function termInstants(term: TermDates, timeZone: string): { start: Date; end: Date } {
  if (!isIsoDate(term.startDate) || !isIsoDate(term.endDate)) {
    throw new RangeError(`Invalid term dates "${term.startDate}" to "${term.endDate}": expected "YYYY-MM-DD".`);
  }
  const first = DateTime.fromISO(term.startDate, { zone: 'utc' });
  const dayAfterLast = DateTime.fromISO(term.endDate, { zone: 'utc' }).plus({ days: 1 });

  return { start: startOfDay(first, timeZone), end: startOfDay(dayAfterLast, timeZone) };
}

function startOfDay(date: DateTime, timeZone: string): Date {
  return zonedTimeToInstant({ year: date.year, month: date.month, day: date.day, hour: 0, minute: 0 }, timeZone);
}

function isOuter(candidate: TermDates, current: TermDates): boolean {
  if (candidate.startDate !== current.startDate) {
    return candidate.startDate < current.startDate;
  }

  return candidate.endDate > current.endDate;
}
