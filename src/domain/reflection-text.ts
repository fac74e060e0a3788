import { hasVisibleText } from './visible-text.ts';

/**
 * Maximum reflection length in UTF-16 code units (JavaScript's `String.length`).
 *
 * Slack truncates the `text` field of a posted message beyond 40,000 characters
 * (Slack API changelog "Truncating really long messages", updated August 2018), and
 * this limit keeps a stored reflection within one such field. The changelog does
 * not define "character".
 * Counting UTF-16 code units is the strictest of the common readings, because a text
 * has at least as many code units as code points or grapheme clusters, so a text
 * within this limit fits whichever of those Slack counts.
 */
export const MAX_REFLECTION_LENGTH = 40_000;

export type ReflectionTextResult =
  | { ok: true; text: string }
  | { ok: false; error: 'empty' | 'too_long'; length: number; max: number };

// Unicode White_Space, plus the invisible characters that pasted text often carries
// at its ends: ZERO WIDTH SPACE, WORD JOINER and the byte order mark.
const EDGE_CHARACTER = /^[\p{White_Space}\u200B\u2060\uFEFF]$/u;

/**
 * Normalizes a reflection for storage: NFC, then trims whitespace and the invisible
 * characters listed in EDGE_CHARACTER from both ends. Inner newlines, emoji (with
 * their joiners) and right-to-left text with its bidi marks are kept. The result is
 * `empty` when nothing visible is left and `too_long` when the normalized text is
 * over MAX_REFLECTION_LENGTH. `length` is the normalized length in UTF-16 code units.
 */
export function normalizeReflection(raw: string): ReflectionTextResult {
  // PostgreSQL cannot store U+0000 in text, and it is never meaningful in a reflection.
  const text = trimEdges(raw.replace(/\u0000/g, '').normalize('NFC'));
  if (!hasVisibleText(text)) {
    return { ok: false, error: 'empty', length: text.length, max: MAX_REFLECTION_LENGTH };
  }
  if (text.length > MAX_REFLECTION_LENGTH) {
    return { ok: false, error: 'too_long', length: text.length, max: MAX_REFLECTION_LENGTH };
  }

  return { ok: true, text };
}

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Shortens `text` to at most `maxGraphemes` grapheme clusters, counting the "…"
 * that marks a cut. Text that fits is returned unchanged. A cut never splits a
 * cluster (flags, ZWJ emoji sequences, letters with combining marks) and drops
 * whitespace before the "…". Throws a RangeError unless `maxGraphemes` is an
 * integer of at least 1.
 */
export function previewText(text: string, maxGraphemes: number): string {
  if (!Number.isInteger(maxGraphemes) || maxGraphemes < 1) {
    throw new RangeError(`Invalid preview length ${maxGraphemes}: expected an integer of at least 1.`);
  }

  const graphemes: string[] = [];
  for (const { segment } of graphemeSegmenter.segment(text)) {
    graphemes.push(segment);
    // One cluster past the limit proves that a cut is needed.
    if (graphemes.length > maxGraphemes) break;
  }
  if (graphemes.length <= maxGraphemes) {
    return text;
  }

  return `${graphemes.slice(0, maxGraphemes - 1).join('').trimEnd()}…`;
}

// A linear scan, because an anchored regular expression for trailing characters
// backtracks quadratically over long runs of inner whitespace.
function trimEdges(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && EDGE_CHARACTER.test(text[start]!)) start += 1;
  while (end > start && EDGE_CHARACTER.test(text[end - 1]!)) end -= 1;

  return text.slice(start, end);
}
