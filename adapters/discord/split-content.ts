// Discord rejects message content over 2,000 characters (API v10). Counting
// UTF-16 code units, as JavaScript's String.length does, is the strictest
// reading, so a piece within this limit is accepted however Discord counts.
export const CONTENT_MAX = 2000;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Splits one line that is longer than `max` into pieces of at most `max`
 * UTF-16 code units, cutting only between grapheme clusters, so a surrogate
 * pair, a flag or a letter with its combining marks stays whole. A single
 * cluster longer than `max` (only seen in crafted text) is cut between code
 * points instead.
 */
function splitLongLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const { segment } of graphemes.segment(line)) {
    if (current.length + segment.length <= max) {
      current += segment;
      continue;
    }
    if (current) pieces.push(current);
    current = '';
    if (segment.length <= max) {
      current = segment;
      continue;
    }
    for (const codePoint of segment) {
      if (current.length + codePoint.length > max) {
        pieces.push(current);
        current = '';
      }
      current += codePoint;
    }
  }
  if (current) pieces.push(current);

  return pieces;
}

/**
 * Splits content into messages of at most `max` UTF-16 code units. Cuts fall
 * on line breaks where possible (the break itself is dropped), and a line
 * longer than `max` is cut between grapheme clusters.
 */
export function splitContent(content: string, max = CONTENT_MAX): string[] {
  if (content.length <= max) return [content];

  const pieces: string[] = [];
  let current = '';
  for (const line of content.split('\n')) {
    const joined = current === '' ? line : `${current}\n${line}`;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    if (current !== '') pieces.push(current);
    if (line.length <= max) {
      current = line;
      continue;
    }
    const parts = splitLongLine(line, max);
    current = parts.pop() ?? '';
    pieces.push(...parts);
  }
  if (current !== '') pieces.push(current);

  return pieces;
}
