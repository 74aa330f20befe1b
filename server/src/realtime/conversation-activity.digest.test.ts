import type { ConversationActivity } from '@parley/shared';
import { createActivityDigest } from './conversation-activity.digest';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const moved = (conversationId: string, lastSeq: number): ConversationActivity => ({
  conversationId, lastSeq, updatedAt: new Date(Date.UTC(2030, 0, 1, 10, 0, lastSeq)).toISOString(), awaitingAgentSince: null,
  lastMessagePreview: null,
});

function digestWithLog(maxEntriesPerSecond?: number) {
  const sent: { at: number; siteId: string; activity: ConversationActivity[] }[] = [];
  const start = Date.now();
  const digest = createActivityDigest({
    intervalMs: 1000,
    ...(maxEntriesPerSecond === undefined ? {} : { maxEntriesPerSecond }),
    send: (siteId, activity) => sent.push({ at: Date.now() - start, siteId, activity }),
  });
  return { digest, sent };
}

test('a second of notices goes out once, the latest of each conversation, per site', () => {
  const { digest, sent } = digestWithLog();
  digest.note('site-a', moved('c1', 1));
  digest.note('site-a', moved('c1', 3));
  digest.note('site-a', moved('c1', 2)); // arrived late: older than what is known
  digest.note('site-a', moved('c2', 1));
  digest.note('site-b', moved('c9', 7));
  jest.advanceTimersByTime(999);
  expect(sent).toEqual([]);
  jest.advanceTimersByTime(1);
  expect(sent).toEqual([
    { at: 1000, siteId: 'site-a', activity: [moved('c1', 3), moved('c2', 1)] },
    { at: 1000, siteId: 'site-b', activity: [moved('c9', 7)] },
  ]);
});

test('after a quiet spell the next notice waits its second, no more', () => {
  const { digest, sent } = digestWithLog();
  digest.note('site-a', moved('c1', 1));
  jest.advanceTimersByTime(5000);
  digest.note('site-a', moved('c1', 2));
  jest.advanceTimersByTime(1000);
  expect(sent.map(({ at }) => at)).toEqual([1000, 6000]);
});

test("a busy site's digest carries at most the entries a second a console allows, the longest waiting first, every second", () => {
  const { digest, sent } = digestWithLog(500);
  for (let i = 0; i < 1200; i += 1) digest.note('busy', moved(`c${i}`, 1));
  digest.note('quiet', moved('q1', 1));
  jest.advanceTimersByTime(1000);
  // Meanwhile the busy site keeps moving: a waiting conversation keeps its place with its newer notice,
  // one already sent waits behind the others.
  digest.note('busy', moved('c0', 2));
  digest.note('busy', moved('c700', 2));
  jest.advanceTimersByTime(1000);
  jest.advanceTimersByTime(1000);
  expect(sent.map(({ at, siteId, activity }) => [at, siteId, activity.length])).toEqual([
    [1000, 'busy', 500], [1000, 'quiet', 1], [2000, 'busy', 500], [3000, 'busy', 201],
  ]);
  const [first, second, third] = sent.filter(({ siteId }) => siteId === 'busy').map(({ activity }) => activity);
  expect(first?.map((a) => a.conversationId)).toEqual(Array.from({ length: 500 }, (_, i) => `c${i}`));
  expect(second?.[0]).toEqual(moved('c500', 1));
  expect(second?.find((a) => a.conversationId === 'c700')).toEqual(moved('c700', 2));
  expect(third?.at(-1)).toEqual(moved('c0', 2));
  jest.advanceTimersByTime(1000);
  expect(sent).toHaveLength(4);
});

test('by default a console hears of at most 100 conversations a second; the rest follow in the next digests', () => {
  const { digest, sent } = digestWithLog();
  for (let i = 0; i < 250; i += 1) digest.note('busy', moved(`c${i}`, 1));
  jest.advanceTimersByTime(3000);
  expect(sent.map(({ at, activity }) => [at, activity.length])).toEqual([[1000, 100], [2000, 100], [3000, 50]]);
  expect(new Set(sent.flatMap(({ activity }) => activity.map((a) => a.conversationId))).size).toBe(250);
});
