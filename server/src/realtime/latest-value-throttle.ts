/**
 * Per key (a socket), passes a value on at once, then at most once per interval with the latest value
 * given meanwhile, and never the value it passed last again. Pages that call history.replaceState many
 * times a second (frameworks, scroll-spies) otherwise cost a store write and a broadcast to every agent
 * each time. Per-process memory is right here: losing it only lets one more report through.
 */
export function latestValueThrottle<K extends object, V>(
  intervalMs: number,
  same: (a: V, b: V) => boolean,
  pass: (key: K, value: V) => void,
): (key: K, value: V) => void {
  interface KeyState { last: V; waiting?: V; timer?: ReturnType<typeof setTimeout> }
  const states = new WeakMap<K, KeyState>();

  const passOn = (key: K, state: KeyState, value: V): void => {
    state.last = value;
    pass(key, value);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      const waiting = state.waiting;
      state.waiting = undefined;
      if (waiting !== undefined && !same(waiting, state.last)) passOn(key, state, waiting);
    }, intervalMs);
    state.timer.unref?.();
  };

  return (key, value) => {
    const state = states.get(key);
    if (!state) {
      const fresh: KeyState = { last: value };
      states.set(key, fresh);
      return passOn(key, fresh, value);
    }
    if (state.timer) state.waiting = value;
    else if (!same(value, state.last)) passOn(key, state, value);
  };
}
