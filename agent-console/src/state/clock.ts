/** "Now" as a signal that ticks, so SLA countdowns re-render by themselves. */
import { signal, type ReadonlySignal } from '@preact/signals';

export interface Clock {
  now: ReadonlySignal<number>;
  dispose(): void;
}

export const CLOCK_TICK_MS = 15_000;

export function createClock(tickMs = CLOCK_TICK_MS, read: () => number = Date.now): Clock {
  const now = signal(read());
  const timer = setInterval(() => {
    now.value = read();
  }, tickMs);
  return { now, dispose: () => clearInterval(timer) };
}
