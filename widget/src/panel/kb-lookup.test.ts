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
    let composer = '';
    const lookup = createSuggestionLookup({
      suggest: async (text) => (asked.push(text), answer(text)),
      onResult: (result) => results.push(result),
      currentText: () => composer,
    });
    const type = (text: string): void => lookup.input((composer = text));
    type('re');
    jest.advanceTimersByTime(1000);
    expect(asked).toEqual([]);
    type('ref');
    type('refu');
    jest.advanceTimersByTime(299);
    type(' refund ');
    jest.advanceTimersByTime(299);
    expect(asked).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(asked).toEqual(['refund']);
    await Promise.resolve();
    expect(results.at(-1)?.articles[0]?.title).toBe('refund');

    // The same text again (a space added) is not asked twice; a short text clears the list.
    type('refund  ');
    jest.advanceTimersByTime(300);
    expect(asked).toEqual(['refund']);
    type('r');
    expect(results.at(-1)).toBeNull();
  });

  it('keeps only the answer to the latest text', async () => {
    const pending: ((value: KbSuggestions) => void)[] = [];
    const results: (KbSuggestions | null)[] = [];
    let composer = '';
    const lookup = createSuggestionLookup({
      suggest: () => new Promise((resolve) => pending.push(resolve)),
      onResult: (result) => results.push(result),
      currentText: () => composer,
    });
    lookup.input((composer = 'shipping'));
    jest.advanceTimersByTime(300);
    lookup.input((composer = 'shipping to Minsk'));
    jest.advanceTimersByTime(300);
    pending[1]!(answer('minsk'));
    pending[0]!(answer('shipping'));
    await Promise.resolve();
    await Promise.resolve();
    expect(results.map((result) => result?.articles[0]?.title)).toEqual(['minsk']);
  });

  it('drops an answer that comes after the text was sent, and asks nothing once it went', async () => {
    const pending: ((value: KbSuggestions) => void)[] = [];
    const results: (KbSuggestions | null)[] = [];
    let composer = '';
    const lookup = createSuggestionLookup({
      suggest: () => new Promise((resolve) => pending.push(resolve)),
      onResult: (result) => results.push(result),
      currentText: () => composer,
    });
    // Asked, then sent (the composer empties without an input event) before the answer came.
    lookup.input((composer = 'when will my tea delivery arrive'));
    jest.advanceTimersByTime(300);
    composer = '';
    pending[0]!(answer('delivery'));
    await Promise.resolve();
    await Promise.resolve();
    expect(results).toEqual([]);

    // Typed and sent within the pause: nothing is asked at all.
    lookup.input((composer = 'and the tracking number'));
    composer = '';
    jest.advanceTimersByTime(1000);
    expect(pending).toHaveLength(1);

    // Sending stops the lookup: the answer to a text typed again after it is not dropped by mistake,
    // and the one under way when it stopped is.
    lookup.input((composer = 'tracking'));
    jest.advanceTimersByTime(300);
    lookup.stop();
    pending[1]!(answer('stale'));
    lookup.input((composer = 'tracking'));
    jest.advanceTimersByTime(300);
    pending[2]!(answer('tracking'));
    await Promise.resolve();
    await Promise.resolve();
    expect(results.map((result) => result?.articles[0]?.title)).toEqual(['tracking']);
  });
});
