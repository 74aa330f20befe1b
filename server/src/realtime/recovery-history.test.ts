import { RecoveryHistory } from './recovery-history';

test('a client is given every packet after the one it holds, in order, with their offsets', () => {
  const history = new RecoveryHistory({ packets: 10, bytes: 1000 });
  const offsets = ['a', 'b', 'c', 'd'].map((record) => history.keep(record));
  expect(history.after(offsets[1] as string)).toEqual([
    { offset: offsets[2], record: 'c' },
    { offset: offsets[3], record: 'd' },
  ]);
  expect(history.after(offsets[3] as string)).toEqual([]);
  expect(new Set(offsets).size).toBe(4);
});

test('text in any script comes back as it was kept', () => {
  const history = new RecoveryHistory({ packets: 4, bytes: 1000 });
  const before = history.keep('[]');
  const records = ['Прывітанне, як справы?', 'こんにちは 👋🏽', '{"text":"¿Qué tal?"}'];
  for (const record of records) history.keep(record);
  expect(history.after(before)?.map((packet) => packet.record)).toEqual(records);
});

test('beyond its packet limit the oldest go, and a client that missed one of them cannot be brought up to date', () => {
  const history = new RecoveryHistory({ packets: 3, bytes: 1000 });
  const offsets = ['1', '2', '3', '4', '5'].map((record) => history.keep(record));
  expect(history.size).toBe(3);
  expect(history.after(offsets[0] as string)).toBeUndefined();
  // It holds packet 2, and 3 to 5 are all kept.
  expect(history.after(offsets[1] as string)?.map((packet) => packet.record)).toEqual(['3', '4', '5']);
});

test('beyond its byte limit the oldest go, and what is kept is never overwritten', () => {
  const bytes = 200;
  const history = new RecoveryHistory({ packets: 1000, bytes });
  const kept: { offset: string; record: string }[] = [];
  // Sizes that do not divide the buffer evenly, so that laps end at different places.
  for (let i = 0; i < 500; i++) {
    const record = `${i}:`.padEnd(5 + ((i * 7) % 40), String.fromCharCode(97 + (i % 26)));
    kept.push({ offset: history.keep(record), record });
    const heldFrom = kept.length - 1 - history.size;
    // Everything after the oldest packet a client may hold is there, exactly as it was kept.
    if (heldFrom >= 0) expect(history.after(kept[heldFrom]?.offset as string)).toEqual(kept.slice(heldFrom + 1));
    if (heldFrom >= 1) expect(history.after(kept[heldFrom - 1]?.offset as string)).toBeUndefined();
    // And it keeps as much as fits: with the last one it dropped, it would fill the buffer but for
    // less than two records' room (the unused end of a lap, and a gap too small for the next one).
    if (heldFrom >= 0) {
      const newest = kept.slice(heldFrom);
      expect(newest.reduce((sum, packet) => sum + packet.record.length, 0)).toBeGreaterThan(bytes - 2 * 45);
    }
  }
});

test('a packet too large for the history leaves no earlier packet to recover from, yet the one holding it recovers', () => {
  const history = new RecoveryHistory({ packets: 10, bytes: 100 });
  const before = history.keep('small');
  const large = history.keep('x'.repeat(60));
  const after = history.keep('after');
  expect(history.after(before)).toBeUndefined();
  expect(history.after(large)).toEqual([{ offset: after, record: 'after' }]);
});

test('an offset from another history or a made-up one is not recovered from', () => {
  const history = new RecoveryHistory({ packets: 10, bytes: 100 });
  const other = new RecoveryHistory({ packets: 10, bytes: 100 });
  history.keep('a');
  const foreign = other.keep('a');
  expect(history.after(foreign)).toBeUndefined();
  expect(history.after('')).toBeUndefined();
  expect(history.after('not-an-offset')).toBeUndefined();
  const mine = history.keep('b');
  expect(history.after(`${mine}0`)).toBeUndefined();
  expect(history.after(`${mine.slice(0, -1)}!`)).toBeUndefined();
});

test('limits that keep nothing are refused', () => {
  expect(() => new RecoveryHistory({ packets: 0, bytes: 100 })).toThrow(RangeError);
  expect(() => new RecoveryHistory({ packets: 10, bytes: 0 })).toThrow(RangeError);
});
