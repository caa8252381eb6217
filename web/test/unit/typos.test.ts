import { describe, expect, it } from 'vitest';
import { correctedQuery, editDistance } from '../../src/typos.ts';

describe('visible typo tolerance', () => {
  it('when a query word is in none of the results, then the closest word of the results is what was meant', () => {
    expect(correctedQuery('ponsl', ['Ponsel Merapi 5G', 'Ponsel Lawu'])).toBe('ponsel');
    expect(correctedQuery('kemja batik', ['Kemeja batik tulis'])).toBe('kemeja batik');
  });

  it('when every query word is in the results, then there is nothing to correct', () => {
    expect(correctedQuery('Ponsel', ['Ponsel Merapi'])).toBeUndefined();
  });

  it('when no word of the results is near enough (more edits than Elasticsearch allows), then no guess is shown', () => {
    expect(correctedQuery('laptop', ['Ponsel Merapi'])).toBeUndefined();
    expect(correctedQuery('ab', ['ac'])).toBeUndefined();
  });

  it('when two letters are swapped, then that counts as one edit, as Elasticsearch counts it', () => {
    expect(editDistance('ponsel', 'posnel')).toBe(1);
    expect(editDistance('kopi', 'kopi')).toBe(0);
    expect(editDistance('kopi', 'kapal')).toBe(3);
  });
});
