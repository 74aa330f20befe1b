import { neighbourOf, shortcutOf } from './keyboard-shortcuts';

const key = (init: KeyboardEventInit, target: EventTarget = document.body) => {
  const event = new KeyboardEvent('keydown', init);
  Object.defineProperty(event, 'target', { value: target });
  return event;
};

describe('keyboard shortcuts', () => {
  it('reads Alt+letter by the physical key, so a Mac’s Alt+R ("®") still resolves', () => {
    expect(shortcutOf(key({ altKey: true, code: 'KeyR', key: '®' }))).toBe('resolve');
    expect(shortcutOf(key({ altKey: true, code: 'KeyT', key: 't' }))).toBe('transfer');
    expect(shortcutOf(key({ altKey: true, ctrlKey: true, code: 'KeyR', key: 'r' }))).toBeNull();
    expect(shortcutOf(key({ code: 'KeyR', key: 'r' }))).toBeNull();
  });

  it('works while typing a reply, but "?" only outside text fields and Alt+↓ not in a select', () => {
    const textarea = document.createElement('textarea');
    const select = document.createElement('select');
    expect(shortcutOf(key({ altKey: true, code: 'ArrowDown', key: 'ArrowDown' }, textarea))).toBe(
      'next-chat',
    );
    expect(shortcutOf(key({ altKey: true, code: 'ArrowDown', key: 'ArrowDown' }, select))).toBeNull();
    expect(shortcutOf(key({ key: '?', code: 'Slash', shiftKey: true }))).toBe('help');
    expect(shortcutOf(key({ key: '?', code: 'Slash', shiftKey: true }, textarea))).toBeNull();
  });

  it('walks the chats in order and wraps around', () => {
    expect(neighbourOf(['a', 'b', 'c'], 'c', 1)).toBe('a');
    expect(neighbourOf(['a', 'b', 'c'], 'a', -1)).toBe('c');
    expect(neighbourOf(['a', 'b', 'c'], null, 1)).toBe('a');
    expect(neighbourOf(['a', 'b', 'c'], 'gone', -1)).toBe('c');
    expect(neighbourOf([], null, 1)).toBeUndefined();
  });
});
