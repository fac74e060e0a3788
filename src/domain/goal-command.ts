import { isIsoDate } from './calendar-date.ts';
import { GOAL_DOMAINS, isGoalDomain, type GoalDomain } from './goal-domains.ts';
import { hasVisibleText } from './visible-text.ts';

/**
 * Maximum goal or milestone title length in UTF-16 code units. It leaves room for a
 * number prefix within Discord's embed limit of 256 characters for a field name.
 */
export const MAX_GOAL_TITLE_LENGTH = 200;

export type GoalCommand =
  | { action: 'add'; domain: GoalDomain; title: string; dueOn?: string }
  | { action: 'milestone'; goalNumber: number; title: string; dueOn?: string }
  | { action: 'done'; goalNumber: number; milestoneNumber?: number }
  | { action: 'list' };

/**
 * A `/goal` text that could not be parsed. `detail` depends on the error:
 * - missing_action: the first word, a domain or number typed without an action
 * - unknown_action: the first word as typed
 * - unknown_domain: the valid domains, "academic, college, career, personal"
 * - title_too_long: MAX_GOAL_TITLE_LENGTH as a string
 * - bad_goal_number: the text given as the number, absent when none was given
 * - bad_date: the text given as the date
 * - missing_title: no detail
 */
export interface GoalCommandError {
  error:
    | 'missing_action'
    | 'unknown_action'
    | 'unknown_domain'
    | 'missing_title'
    | 'title_too_long'
    | 'bad_goal_number'
    | 'bad_date';
  detail?: string;
}

const GOAL_NUMBER = /^#?(\d+)$/;
const GOAL_AND_MILESTONE_NUMBER = /^#?(\d+)(?:\.(\d+))?$/;

/**
 * Parses the text after `/goal`. The grammar, with keywords in any letter case:
 *
 *   add DOMAIN TITLE [by YYYY-MM-DD]   DOMAIN is academic, college, career or personal
 *   milestone N TITLE [by YYYY-MM-DD]
 *   done N | done N.M
 *   list | (empty)                     words after "list" are ignored
 *
 * N and M are the 1-based numbers that /plan shows, optionally written "#N". The
 * domain is required because the plan groups goals by it. A title is NFC-normalized
 * with runs of whitespace collapsed to one space. A trailing "by X" is a due date
 * only when X starts with a digit, so "Read Dune by Herbert" stays a title. Due
 * dates in the past are not rejected here, because the parser does not know today.
 */
export function parseGoalCommand(text: string): GoalCommand | GoalCommandError {
  // PostgreSQL cannot store U+0000 in text, so it is dropped with the whitespace.
  const words = text.replace(/\u0000/g, '').normalize('NFC').split(/\s+/u).filter((word) => word !== '');
  const [first, ...rest] = words;
  if (first === undefined) {
    return { action: 'list' };
  }

  const action = first.toLowerCase();
  switch (action) {
    case 'list':
      return { action: 'list' };
    case 'add':
      return parseAdd(rest);
    case 'milestone':
      return parseMilestone(rest);
    case 'done':
      return parseDone(rest);
  }
  if (isGoalDomain(action) || GOAL_AND_MILESTONE_NUMBER.test(first)) {
    return { error: 'missing_action', detail: first };
  }

  return { error: 'unknown_action', detail: first };
}

function parseAdd(words: string[]): GoalCommand | GoalCommandError {
  const [domainWord, ...titleWords] = words;
  const domain = domainWord?.toLowerCase();
  if (domain === undefined || !isGoalDomain(domain)) {
    return { error: 'unknown_domain', detail: GOAL_DOMAINS.join(', ') };
  }

  const parsed = parseTitleAndDueDate(titleWords);
  if ('error' in parsed) {
    return parsed;
  }

  return { action: 'add', domain, ...parsed };
}

function parseMilestone(words: string[]): GoalCommand | GoalCommandError {
  const [numberWord, ...titleWords] = words;
  const goalNumber = numberWord === undefined ? null : parsePositiveInteger(GOAL_NUMBER.exec(numberWord)?.[1]);
  if (goalNumber === null) {
    return numberWord === undefined ? { error: 'bad_goal_number' } : { error: 'bad_goal_number', detail: numberWord };
  }

  const parsed = parseTitleAndDueDate(titleWords);
  if ('error' in parsed) {
    return parsed;
  }

  return { action: 'milestone', goalNumber, ...parsed };
}

function parseDone(words: string[]): GoalCommand | GoalCommandError {
  if (words.length === 0) {
    return { error: 'bad_goal_number' };
  }
  const numberText = words.join(' ');
  const match = words.length === 1 ? GOAL_AND_MILESTONE_NUMBER.exec(numberText) : null;
  const goalNumber = parsePositiveInteger(match?.[1]);
  if (match === null || goalNumber === null) {
    return { error: 'bad_goal_number', detail: numberText };
  }
  if (match[2] === undefined) {
    return { action: 'done', goalNumber };
  }

  const milestoneNumber = parsePositiveInteger(match[2]);
  if (milestoneNumber === null) {
    return { error: 'bad_goal_number', detail: numberText };
  }

  return { action: 'done', goalNumber, milestoneNumber };
}

function parseTitleAndDueDate(words: string[]): { title: string; dueOn?: string } | GoalCommandError {
  let titleWords = words;
  let dueOn: string | undefined;
  const byWord = words.at(-2);
  const dateWord = words.at(-1);
  if (byWord?.toLowerCase() === 'by' && dateWord !== undefined && /^\d/.test(dateWord)) {
    if (!isIsoDate(dateWord)) {
      return { error: 'bad_date', detail: dateWord };
    }
    dueOn = dateWord;
    titleWords = words.slice(0, -2);
  }

  const title = titleWords.join(' ');
  if (!hasVisibleText(title)) {
    return { error: 'missing_title' };
  }
  if (title.length > MAX_GOAL_TITLE_LENGTH) {
    return { error: 'title_too_long', detail: String(MAX_GOAL_TITLE_LENGTH) };
  }

  return dueOn === undefined ? { title } : { title, dueOn };
}

function parsePositiveInteger(digits: string | undefined): number | null {
  if (digits === undefined) {
    return null;
  }
  const value = Number(digits);

  return Number.isSafeInteger(value) && value >= 1 ? value : null;
}
