import { describe, expect, it } from 'vitest';
import { choosePrompt, type PromptHistoryEntry, type RotationPrompt } from '../../../src/domain/prompt-rotation.ts';

const WEEK_MS = 7 * 86_400_000;
const term = { start: new Date('2026-08-24T04:00:00Z'), end: new Date('2027-01-11T05:00:00Z') };
const nextTerm = { start: new Date('2027-01-11T05:00:00Z'), end: new Date('2027-06-12T04:00:00Z') };

function bank(size: number): RotationPrompt[] {
  return Array.from({ length: size }, (_, index) => ({ id: `p${String(index + 1).padStart(2, '0')}`, position: index + 1 }));
}

function weekAfter(start: Date, weeks: number): Date {
  return new Date(start.getTime() + weeks * WEEK_MS);
}

/** Asks one prompt a week for `weeks` weeks from the start of `range` and returns the ids in order. */
function simulate(prompts: RotationPrompt[], history: PromptHistoryEntry[], range: typeof term, weeks: number): string[] {
  const chosen: string[] = [];
  for (let week = 0; week < weeks; week += 1) {
    const askedAt = weekAfter(range.start, week);
    const promptId = choosePrompt(prompts, history, range);
    chosen.push(promptId);
    history.push({ promptId, askedAt });
  }

  return chosen;
}

describe('choosePrompt', () => {
  it('starts with the lowest position', () => {
    const prompts = [
      { id: 'c', position: 3 },
      { id: 'a', position: 1 },
      { id: 'b', position: 2 },
    ];
    expect(choosePrompt(prompts, [], term)).toBe('a');
  });

  it('skips prompts asked this term', () => {
    const history = [
      { promptId: 'p01', askedAt: weekAfter(term.start, 0) },
      { promptId: 'p03', askedAt: weekAfter(term.start, 1) },
    ];
    expect(choosePrompt(bank(5), history, term)).toBe('p02');
  });

  it.each([20, 21, 30])('never repeats in 20 weeks with %i prompts', (size) => {
    const chosen = simulate(bank(size), [], term, 20);

    expect(chosen).toHaveLength(20);
    expect(new Set(chosen).size).toBe(20);
    expect(chosen[0]).toBe('p01');
    expect(chosen[19]).toBe('p20');
  });

  it('never repeats with shuffled positions', () => {
    const prompts = bank(24).map((prompt, index) => ({ ...prompt, position: (index * 7) % 24 }));
    const chosen = simulate(prompts, [], term, 20);

    expect(new Set(chosen).size).toBe(20);
    const positions = chosen.map((id) => prompts.find((prompt) => prompt.id === id)!.position);
    expect(positions).toEqual([...positions].sort((left, right) => left - right));
  });

  it('repeats the oldest once the bank runs out', () => {
    const chosen = simulate(bank(3), [], term, 7);
    expect(chosen).toEqual(['p01', 'p02', 'p03', 'p01', 'p02', 'p03', 'p01']);
  });

  it('uses the latest request of each prompt', () => {
    const history = [
      { promptId: 'p01', askedAt: weekAfter(term.start, 0) },
      { promptId: 'p02', askedAt: weekAfter(term.start, 1) },
      { promptId: 'p01', askedAt: weekAfter(term.start, 2) },
    ];
    expect(choosePrompt(bank(2), history, term)).toBe('p02');
  });

  it('starts over in a new term', () => {
    const history: PromptHistoryEntry[] = [];
    simulate(bank(25), history, term, 20);
    const chosen = simulate(bank(25), history, nextTerm, 3);

    expect(chosen).toEqual(['p01', 'p02', 'p03']);
  });

  it('ignores requests outside the term', () => {
    const history = [
      { promptId: 'p01', askedAt: new Date(term.start.getTime() - 1) },
      { promptId: 'p02', askedAt: term.end },
    ];
    expect(choosePrompt(bank(3), history, term)).toBe('p01');

    const withStart = [...history, { promptId: 'p01', askedAt: term.start }];
    expect(choosePrompt(bank(3), withStart, term)).toBe('p02');
  });

  it('breaks equal positions by id', () => {
    const prompts = [
      { id: 'zeta', position: 1 },
      { id: 'alpha', position: 1 },
      { id: 'mid', position: 0 },
    ];
    expect(choosePrompt(prompts, [], term)).toBe('mid');

    const history = [{ promptId: 'mid', askedAt: weekAfter(term.start, 0) }];
    expect(choosePrompt(prompts, history, term)).toBe('alpha');
    expect(choosePrompt([...prompts].reverse(), history, term)).toBe('alpha');
  });

  it('breaks equal request times by position', () => {
    const sameTime = weekAfter(term.start, 1);
    const history = [
      { promptId: 'p03', askedAt: sameTime },
      { promptId: 'p02', askedAt: sameTime },
      { promptId: 'p01', askedAt: weekAfter(term.start, 2) },
    ];
    expect(choosePrompt(bank(3), history, term)).toBe('p02');
    expect(choosePrompt(bank(3).reverse(), [...history].reverse(), term)).toBe('p02');
  });

  it('ignores retired prompts in history', () => {
    const history = [{ promptId: 'retired', askedAt: weekAfter(term.start, 0) }];
    expect(choosePrompt(bank(2), history, term)).toBe('p01');
  });

  it('picks up a prompt added mid-term', () => {
    const history: PromptHistoryEntry[] = [];
    simulate(bank(3), history, term, 3);
    const grown = [...bank(3), { id: 'new', position: 99 }];
    expect(choosePrompt(grown, history, term)).toBe('new');
  });

  it('throws on an empty bank', () => {
    expect(() => choosePrompt([], [], term)).toThrow(/prompt bank is empty/);
  });
});
