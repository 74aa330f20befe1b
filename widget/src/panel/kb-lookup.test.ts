import type { KbSuggestions } from '@parley/shared';
import { createSuggestionLookup } from './kb-lookup';

const answer = (title: string): KbSuggestions => ({
  articles: [{ id: `kb_${title}`, language: 'en', slug: title, title, summary: '', url: `/help/${title}` }],
  bestMatch: null,
});

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('suggestion lookup', () => {
  it('asks once the visitor pauses for 300 ms, and not below three characters', async () => {
    const asked: string[] = [];
    const results: (KbSuggestions | null)[] = [];
    const lookup = createSuggestionLookup({
      suggest: async (text) => (asked.push(text), answer(text)),
      onResult: (result) => results.push(result),
    });
    lookup.input('re');
    jest.advanceTimersByTime(1000);
    expect(asked).toEqual([]);
    lookup.input('ref');
    lookup.input('refu');
    jest.advanceTimersByTime(299);
    lookup.input(' refund ');
    jest.advanceTimersByTime(299);
    expect(asked).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(asked).toEqual(['refund']);
    await Promise.resolve();
    expect(results.at(-1)?.articles[0]?.title).toBe('refund');

    // The same text again (a space added) is not asked twice; a short text clears the list.
    lookup.input('refund  ');
    jest.advanceTimersByTime(300);
    expect(asked).toEqual(['refund']);
    lookup.input('r');
    expect(results.at(-1)).toBeNull();
  });

  it('keeps only the answer to the latest text', async () => {
    const pending: ((value: KbSuggestions) => void)[] = [];
    const results: (KbSuggestions | null)[] = [];
    const lookup = createSuggestionLookup({
      suggest: () => new Promise((resolve) => pending.push(resolve)),
      onResult: (result) => results.push(result),
    });
    lookup.input('shipping');
    jest.advanceTimersByTime(300);
    lookup.input('shipping to Minsk');
    jest.advanceTimersByTime(300);
    pending[1]!(answer('minsk'));
    pending[0]!(answer('shipping'));
    await Promise.resolve();
    await Promise.resolve();
    expect(results.map((result) => result?.articles[0]?.title)).toEqual(['minsk']);
  });
});
