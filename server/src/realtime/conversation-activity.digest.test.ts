import type { ConversationActivity } from '@parley/shared';
import { createActivityDigest } from './conversation-activity.digest';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

const entry = (conversationId: string, lastSeq: number): ConversationActivity => ({
  conversationId, lastSeq, updatedAt: new Date(Date.UTC(2030, 0, 1, 10, 0, lastSeq)).toISOString(), awaitingAgentSince: null,
  lastMessagePreview: null,
});

/** A digest over a stand-in for the store: `moved` records a message, as the store would hold it. */
function digestWithLog(maxEntriesPerSecond?: number) {
  const sent: { at: number; siteId: string; activity: ConversationActivity[] }[] = [];
  const stored = new Map<string, ConversationActivity>();
  const loadErrors: unknown[] = [];
  let failLoads = false;
  const start = Date.now();
  const digest = createActivityDigest({
    intervalMs: 1000,
    ...(maxEntriesPerSecond === undefined ? {} : { maxEntriesPerSecond }),
    send: (siteId, activity) => sent.push({ at: Date.now() - start, siteId, activity }),
    load: (ids) => (failLoads ? Promise.reject(new Error('store is down')) : Promise.resolve(ids.flatMap((id) => stored.get(id) ?? []))),
    onLoadError: (error) => loadErrors.push(error),
  });
  const moved = (siteId: string, conversationId: string, lastSeq: number) => {
    stored.set(conversationId, entry(conversationId, lastSeq));
    digest.note(siteId, conversationId);
  };
  return { moved, sent, stored, loadErrors, failNextLoads: (fail: boolean) => (failLoads = fail) };
}

/** Runs the timers due in `ms`, then lets each digest's read of the store settle. */
async function advance(ms: number) {
  await jest.advanceTimersByTimeAsync(ms);
}

test('a second of notices goes out once, each conversation as it is then, per site', async () => {
  const { moved, sent } = digestWithLog();
  moved('site-a', 'c1', 1);
  moved('site-a', 'c1', 3);
  moved('site-a', 'c2', 1);
  moved('site-b', 'c9', 7);
  await advance(999);
  expect(sent).toEqual([]);
  await advance(1);
  expect(sent).toEqual([
    { at: 1000, siteId: 'site-a', activity: [entry('c1', 3), entry('c2', 1)] },
    { at: 1000, siteId: 'site-b', activity: [entry('c9', 7)] },
  ]);
});

test('an entry is read when its digest goes out, not when the message came', async () => {
  const { moved, sent, stored } = digestWithLog();
  moved('site-a', 'c1', 1);
  // A later change the digest was not told about (a reply that settled what was owed) is in it all the same.
  stored.set('c1', { ...entry('c1', 2), awaitingAgentSince: null, lastMessagePreview: { text: 'on it', authorKind: 'agent', authorId: 'a1', internal: false } });
  await advance(1000);
  expect(sent[0]?.activity).toEqual([stored.get('c1')]);
});

test('a conversation gone before its digest (erased) is left out, and an empty digest is not sent', async () => {
  const { moved, sent, stored } = digestWithLog();
  moved('site-a', 'c1', 1);
  moved('site-a', 'c2', 1);
  stored.delete('c1');
  await advance(1000);
  expect(sent).toEqual([{ at: 1000, siteId: 'site-a', activity: [entry('c2', 1)] }]);
  moved('site-a', 'c3', 1);
  stored.delete('c3');
  await advance(1000);
  expect(sent).toHaveLength(1);
});

test('a digest the store could not read is reported and dropped; the next ones go out', async () => {
  const { moved, sent, loadErrors, failNextLoads } = digestWithLog();
  moved('site-a', 'c1', 1);
  failNextLoads(true);
  await advance(1000);
  expect(sent).toEqual([]);
  expect(loadErrors).toEqual([new Error('store is down')]);
  failNextLoads(false);
  moved('site-a', 'c1', 2);
  await advance(1000);
  expect(sent).toEqual([{ at: 2000, siteId: 'site-a', activity: [entry('c1', 2)] }]);
});

test('after a quiet spell the next notice waits its second, no more', async () => {
  const { moved, sent } = digestWithLog();
  moved('site-a', 'c1', 1);
  await advance(5000);
  moved('site-a', 'c1', 2);
  await advance(1000);
  expect(sent.map(({ at }) => at)).toEqual([1000, 6000]);
});

test("a busy site's digest carries at most the entries a second a console allows, the longest waiting first, every second", async () => {
  const { moved, sent } = digestWithLog(500);
  for (let i = 0; i < 1200; i += 1) moved('busy', `c${i}`, 1);
  moved('quiet', 'q1', 1);
  await advance(1000);
  // Meanwhile the busy site keeps moving: a waiting conversation keeps its place, one already sent
  // waits behind the others.
  moved('busy', 'c0', 2);
  moved('busy', 'c700', 2);
  await advance(1000);
  await advance(1000);
  expect(sent.map(({ at, siteId, activity }) => [at, siteId, activity.length])).toEqual([
    [1000, 'busy', 500], [1000, 'quiet', 1], [2000, 'busy', 500], [3000, 'busy', 201],
  ]);
  const [first, second, third] = sent.filter(({ siteId }) => siteId === 'busy').map(({ activity }) => activity);
  expect(first?.map((a) => a.conversationId)).toEqual(Array.from({ length: 500 }, (_, i) => `c${i}`));
  expect(second?.[0]).toEqual(entry('c500', 1));
  expect(second?.find((a) => a.conversationId === 'c700')).toEqual(entry('c700', 2));
  expect(third?.at(-1)).toEqual(entry('c0', 2));
  await advance(1000);
  expect(sent).toHaveLength(4);
});

test('by default a console hears of at most 100 conversations a second; the rest follow in the next digests', async () => {
  const { moved, sent } = digestWithLog();
  for (let i = 0; i < 250; i += 1) moved('busy', `c${i}`, 1);
  await advance(3000);
  expect(sent.map(({ at, activity }) => [at, activity.length])).toEqual([[1000, 100], [2000, 100], [3000, 50]]);
  expect(new Set(sent.flatMap(({ activity }) => activity.map((a) => a.conversationId))).size).toBe(250);
});
