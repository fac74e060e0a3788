import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../../../src/domain/calendar-date.ts';

describe('isIsoDate', () => {
  it('accepts real dates only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2026-04-31')).toBe(false);
    expect(isIsoDate(' 2026-04-01')).toBe(false);
  });
});
