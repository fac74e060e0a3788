import { DateTime } from 'luxon';
import { isValidTimeZone, zonedTimeToInstant } from './zoned-time.ts';

/** A time of day on a 24-hour clock. */
export interface LocalTime {
  hour: number;
  minute: number;
}

export type LocalTimeError = 'invalid_format' | 'out_of_range';

/** A weekly schedule in one time zone, and the instant to place in a week. */
export interface WeeklyScheduleInput {
  /** IANA time zone name, such as "America/New_York". */
  timeZone: string;
  /** ISO weekday: 1 is Monday, 7 is Sunday. */
  weekday: number;
  /** Local time "HH:mm" on a 24-hour clock. A single-digit hour ("9:00") is accepted too. */
  time: string;
  at: Date;
}

/** One week's occurrence of a weekly prompt. */
export interface WeeklyPromptSlot {
  /** ISO week of the slot in the schedule's time zone, such as "2026-W49". */
  week: string;
  dueAt: Date;
  /** Due instant of the following week's slot, when this week's request closes. */
  closesAt: Date;
}

/** Parses "HH:mm" (or "H:mm") on a 24-hour clock. */
export function parseLocalTime(text: string): { ok: true; time: LocalTime } | { ok: false; error: LocalTimeError } {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (match === null) {
    return { ok: false, error: 'invalid_format' };
  }

  const hour = Number(match[1]);
  const minute = Number(match[2]);
  if (hour > 23 || minute > 59) {
    return { ok: false, error: 'out_of_range' };
  }

  return { ok: true, time: { hour, minute } };
}

/**
 * Computes the slot of the ISO week, in `timeZone`, that contains `at`. The slot's
 * due instant may be before or after `at`. Local times in a daylight saving gap or
 * overlap resolve as `zonedTimeToInstant` documents: a gap moves to its end, an
 * overlap takes the earlier occurrence.
 *
 * Throws a RangeError for an unknown time zone, a weekday outside 1-7, an invalid
 * time or an invalid `at`.
 */
export function weeklyPromptSlot(input: WeeklyScheduleInput): WeeklyPromptSlot {
  const schedule = validateSchedule(input);

  return slotOnDate(slotDateInWeekOf(input.at, schedule), schedule);
}

/**
 * Computes the first slot whose due instant is after `at`: this week's slot if it
 * is still ahead, otherwise the next week's. Throws like `weeklyPromptSlot`.
 */
export function nextWeeklyPromptSlot(input: WeeklyScheduleInput): WeeklyPromptSlot {
  const schedule = validateSchedule(input);
  let slotDate = slotDateInWeekOf(input.at, schedule);
  let slot = slotOnDate(slotDate, schedule);
  // One step is enough unless a fall-back overlap spans the end of the week,
  // where a later week's earlier occurrence can still precede `at`.
  while (slot.dueAt.getTime() <= input.at.getTime()) {
    slotDate = slotDate.plus({ days: 7 });
    slot = slotOnDate(slotDate, schedule);
  }

  return slot;
}

interface ValidSchedule {
  timeZone: string;
  weekday: number;
  time: LocalTime;
}

function validateSchedule(input: WeeklyScheduleInput): ValidSchedule {
  if (!isValidTimeZone(input.timeZone)) {
    throw new RangeError(`Unknown time zone "${input.timeZone}": expected an IANA name such as "Europe/London".`);
  }
  if (!Number.isInteger(input.weekday) || input.weekday < 1 || input.weekday > 7) {
    throw new RangeError(`Invalid ISO weekday ${input.weekday}: expected an integer from 1 (Monday) to 7 (Sunday).`);
  }
  if (Number.isNaN(input.at.getTime())) {
    throw new RangeError('Invalid date passed as `at`.');
  }
  const parsed = parseLocalTime(input.time);
  if (!parsed.ok) {
    throw new RangeError(`Invalid local time "${input.time}": expected "HH:mm" on a 24-hour clock.`);
  }

  return { timeZone: input.timeZone, weekday: input.weekday, time: parsed.time };
}

/**
 * Returns the local calendar date of the slot in the ISO week containing `at`, as
 * a UTC DateTime. Calendar arithmetic runs in UTC, where every day is 24 hours
 * long, so adding days never meets a daylight saving transition.
 */
function slotDateInWeekOf(at: Date, schedule: ValidSchedule): DateTime {
  const localNow = DateTime.fromJSDate(at, { zone: schedule.timeZone });
  const localDate = DateTime.utc(localNow.year, localNow.month, localNow.day);

  return localDate.plus({ days: schedule.weekday - localNow.weekday });
}

/** Builds the slot due on `date` (a UTC DateTime carrying a local calendar date). */
function slotOnDate(date: DateTime, schedule: ValidSchedule): WeeklyPromptSlot {
  const nextDate = date.plus({ days: 7 });

  return {
    week: `${date.weekYear}-W${String(date.weekNumber).padStart(2, '0')}`,
    dueAt: dueInstant(date, schedule),
    closesAt: dueInstant(nextDate, schedule),
  };
}

function dueInstant(date: DateTime, schedule: ValidSchedule): Date {
  return zonedTimeToInstant(
    { year: date.year, month: date.month, day: date.day, hour: schedule.time.hour, minute: schedule.time.minute },
    schedule.timeZone,
  );
}
