/** A reflection prompt in the bank. Lower positions are asked first. */
export interface RotationPrompt {
  id: string;
  position: number;
}

/** One earlier reflection request sent to the student. */
export interface PromptHistoryEntry {
  promptId: string;
  askedAt: Date;
}

/** A term as a half-open range of instants: `start` inclusive, `end` exclusive. */
export interface TermRange {
  start: Date;
  end: Date;
}

/**
 * Chooses the prompt for a student's next reflection request and returns its id.
 *
 * The choice is the first prompt, by `position`, that the student has not been asked
 * during `term`. When every prompt was asked during the term, it is the prompt whose
 * latest request is oldest, so the bank repeats in the order the student saw it.
 * Equal positions and equal request times fall back to `position`, then to `id`,
 * so the result never depends on input order. History for prompts not in `prompts`
 * (retired ones) is ignored.
 *
 * Throws an Error when `prompts` is empty, because there is nothing to ask.
 */
export function choosePrompt(
  prompts: readonly RotationPrompt[],
  history: readonly PromptHistoryEntry[],
  term: TermRange,
): string {
  if (prompts.length === 0) {
    throw new Error('Cannot choose a reflection prompt: the prompt bank is empty. Seed or activate prompts first.');
  }

  const ordered = [...prompts].sort(compareByPosition);
  const lastAskedInTerm = new Map<string, number>();
  for (const entry of history) {
    const askedAt = entry.askedAt.getTime();
    if (askedAt < term.start.getTime() || askedAt >= term.end.getTime()) continue;
    const previous = lastAskedInTerm.get(entry.promptId);
    if (previous === undefined || askedAt > previous) {
      lastAskedInTerm.set(entry.promptId, askedAt);
    }
  }

  const notAsked = ordered.find((prompt) => !lastAskedInTerm.has(prompt.id));
  if (notAsked !== undefined) {
    return notAsked.id;
  }

  // Every prompt was asked this term. `ordered` is sorted by position, so keeping
  // the first strictly older prompt breaks ties by position, then id.
  let oldest = ordered[0]!;
  for (const prompt of ordered) {
    if (lastAskedInTerm.get(prompt.id)! < lastAskedInTerm.get(oldest.id)!) {
      oldest = prompt;
    }
  }

  return oldest.id;
}

function compareByPosition(left: RotationPrompt, right: RotationPrompt): number {
  if (left.position !== right.position) {
    return left.position - right.position;
  }
  if (left.id === right.id) {
    return 0;
  }

  return left.id < right.id ? -1 : 1;
}
