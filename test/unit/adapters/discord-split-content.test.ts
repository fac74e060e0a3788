import { describe, expect, it } from 'vitest';
import { CONTENT_MAX, splitContent } from '../../../adapters/discord/split-content.ts';

describe('splitContent', () => {
  it('keeps short content whole', () => {
    expect(splitContent('hello\nworld')).toEqual(['hello\nworld']);
  });

  it('keeps content of exactly the limit whole', () => {
    const content = 'a'.repeat(CONTENT_MAX);

    expect(splitContent(content)).toEqual([content]);
  });

  it('cuts on line breaks and drops the break', () => {
    const first = 'x'.repeat(1500);
    const second = 'y'.repeat(1500);

    expect(splitContent(`${first}\n${second}`)).toEqual([first, second]);
  });

  it('never splits a surrogate pair', () => {
    const content = `a${'😀'.repeat(1500)}`;
    const pieces = splitContent(content);

    expect(pieces.join('')).toBe(content);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(CONTENT_MAX);
      // No lone surrogate at either end of a piece.
      expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(piece)).toBe(false);
    }
  });

  it('keeps flags and family emoji whole', () => {
    const family = '👩‍👩‍👧‍👦';
    const content = `b${`🇮🇱${family}`.repeat(300)}`;
    const pieces = splitContent(content);

    expect(pieces.join('')).toBe(content);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces.slice(1)) {
      expect(piece.startsWith('🇮🇱') || piece.startsWith(family)).toBe(true);
    }
  });

  it('keeps Arabic letters with their marks', () => {
    const word = 'مَرْحَبًا ';
    const content = word.repeat(400);
    const pieces = splitContent(content);

    expect(pieces.join('')).toBe(content);
    for (const piece of pieces) {
      expect(piece.length).toBeLessThanOrEqual(CONTENT_MAX);
      expect(/^[\u064B-\u065F]/.test(piece)).toBe(false);
    }
  });
});
