import { describe, expect, it } from 'vitest';
import { MAX_REFLECTION_LENGTH, normalizeReflection, previewText } from '../../../src/domain/reflection-text.ts';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function graphemeCount(text: string): number {
  return [...segmenter.segment(text)].length;
}

describe('normalizeReflection', () => {
  it('trims surrounding whitespace', () => {
    expect(normalizeReflection('  \n\tI learned a lot.\n  ')).toEqual({ ok: true, text: 'I learned a lot.' });
  });

  it('trims invisible characters at the ends', () => {
    expect(normalizeReflection('\uFEFF\u200Bhello\u2060 \u200B')).toEqual({ ok: true, text: 'hello' });
  });

  it('composes to NFC', () => {
    // 'Café né' written with precomposed U+00E9.
    expect(normalizeReflection('Cafe\u0301 ne\u0301')).toEqual({ ok: true, text: 'Caf\u00E9 n\u00E9' });
  });

  it('keeps inner newlines and spacing', () => {
    const text = 'First line\n\nSecond  line\r\nThird';
    expect(normalizeReflection(text)).toEqual({ ok: true, text });
  });

  it('keeps emoji sequences intact', () => {
    const text = '👨‍👩‍👧‍👦 family, 🇳🇿 flag, 👍🏽 thumbs, 1️⃣ keycap';
    expect(normalizeReflection(` ${text} `)).toEqual({ ok: true, text });
  });

  it('keeps a trailing emoji with variation selector', () => {
    expect(normalizeReflection('Great week ❤️')).toEqual({ ok: true, text: 'Great week ❤️' });
  });

  it('keeps right-to-left text and bidi marks', () => {
    const hebrew = '\u200Fשָׁלוֹם, למדתי הרבה השבוע.';
    const arabic = 'مَرْحَبًا\nتعلمت الكثير هذا الأسبوع 2026';
    expect(normalizeReflection(hebrew)).toEqual({ ok: true, text: hebrew });
    expect(normalizeReflection(arabic)).toEqual({ ok: true, text: arabic });
  });

  it.each([
    ['nothing', '', 0],
    ['spaces', '     ', 0],
    ['newlines and tabs', '\n\t\r\n', 0],
    ['no-break spaces', '\u00A0\u3000\u2003', 0],
    ['zero width spaces', '\u200B\u200B', 0],
    ['a lone joiner', '\u200D', 1],
    ['a non-joiner among spaces', ' \u200C ', 1],
    ['bidi marks', '\u200E\u200F', 2],
    ['a variation selector', '\uFE0F', 1],
    ['a Hangul filler', '\u3164', 1],
    ['a soft hyphen', '\u00AD', 1],
  ])('rejects %s as empty', (_name, raw, length) => {
    expect(normalizeReflection(raw)).toEqual({ ok: false, error: 'empty', length, max: MAX_REFLECTION_LENGTH });
  });

  it('accepts exactly the maximum', () => {
    const text = 'a'.repeat(MAX_REFLECTION_LENGTH);
    expect(normalizeReflection(`  ${text}\n`)).toEqual({ ok: true, text });
  });

  it('rejects one unit over the maximum', () => {
    const result = normalizeReflection('a'.repeat(MAX_REFLECTION_LENGTH + 1));
    expect(result).toEqual({ ok: false, error: 'too_long', length: 40_001, max: 40_000 });
  });

  it('counts emoji as two code units', () => {
    expect(normalizeReflection('😀'.repeat(20_000)).ok).toBe(true);
    expect(normalizeReflection('😀'.repeat(20_001))).toEqual({
      ok: false,
      error: 'too_long',
      length: 40_002,
      max: 40_000,
    });
  });

  it('measures after NFC', () => {
    // 40,002 code units decomposed, 20,001 once composed.
    expect(normalizeReflection('e\u0301'.repeat(20_001)).ok).toBe(true);
    // U+0958 has no composed form in NFC: each becomes two code points.
    expect(normalizeReflection('\u0958'.repeat(20_001))).toEqual({
      ok: false,
      error: 'too_long',
      length: 40_002,
      max: 40_000,
    });
  });

  it('handles long inner whitespace quickly', () => {
    const raw = `a${' '.repeat(39_990)}b`;
    const started = performance.now();
    expect(normalizeReflection(raw)).toEqual({ ok: true, text: raw });
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});

describe('previewText', () => {
  it('returns short text unchanged', () => {
    expect(previewText('Hello', 5)).toBe('Hello');
    expect(previewText('Hello', 50)).toBe('Hello');
    expect(previewText('', 3)).toBe('');
  });

  it('cuts with an ellipsis', () => {
    expect(previewText('Hello world', 5)).toBe('Hell…');
    expect(graphemeCount(previewText('Hello world', 5))).toBe(5);
  });

  it('drops whitespace before the ellipsis', () => {
    expect(previewText('Hello world', 7)).toBe('Hello…');
    expect(previewText('line one\nline two', 10)).toBe('line one…');
  });

  it('keeps flags whole', () => {
    expect(previewText('🇺🇸🇯🇵🇧🇷🇩🇪', 3)).toBe('🇺🇸🇯🇵…');
  });

  it('keeps ZWJ families whole', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(previewText(family.repeat(3), 2)).toBe(`${family}…`);
    expect(previewText(family.repeat(3), 3)).toBe(family.repeat(3));
  });

  it('keeps skin tones and keycaps whole', () => {
    expect(previewText('👍🏽👍🏽👍🏽', 2)).toBe('👍🏽…');
    expect(previewText('1️⃣2️⃣3️⃣', 3)).toBe('1️⃣2️⃣3️⃣');
    expect(previewText('1️⃣2️⃣3️⃣4️⃣', 3)).toBe('1️⃣2️⃣…');
  });

  it('keeps combining marks with their letter', () => {
    expect(previewText('e\u0301e\u0301e\u0301', 2)).toBe('e\u0301…');
    expect(previewText('Z\u0351\u036B\u0343a\u0310\u0342l', 2)).toBe('Z\u0351\u036B\u0343…');
  });

  it('keeps Hebrew points with their letter', () => {
    // Clusters: שָׁ ל וֹ ם
    expect(previewText('שָׁלוֹם עוֹלָם', 3)).toBe('שָׁל…');
  });

  it('keeps Arabic marks with their letter', () => {
    // Clusters: مَ رْ حَ بً ا
    expect(previewText('مَرْحَبًا', 3)).toBe('مَرْ…');
    expect(previewText('مَرْحَبًا', 5)).toBe('مَرْحَبًا');
  });

  it('allows a one-grapheme preview', () => {
    expect(previewText('Hello', 1)).toBe('…');
    expect(previewText('H', 1)).toBe('H');
  });

  it('rejects invalid lengths', () => {
    expect(() => previewText('Hello', 0)).toThrow(RangeError);
    expect(() => previewText('Hello', -1)).toThrow(RangeError);
    expect(() => previewText('Hello', 2.5)).toThrow(RangeError);
    expect(() => previewText('Hello', Number.NaN)).toThrow(RangeError);
  });

  it('never exceeds the limit', () => {
    const text = 'Week 3 🇧🇷: שלום 👨‍👩‍👧‍👦 e\u0301t\u00E9 مَرْحَبًا 👍🏽 done.';
    for (let limit = 1; limit <= graphemeCount(text) + 1; limit += 1) {
      const preview = previewText(text, limit);
      expect(graphemeCount(preview)).toBeLessThanOrEqual(limit);
      expect(text.startsWith(preview.replace(/…$/u, ''))).toBe(true);
    }
  });
});
