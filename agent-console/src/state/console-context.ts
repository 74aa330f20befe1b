/** Hands the console's shared state to every screen without threading it through props. */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Console } from './console';
import type { LiveSession } from './live-session';

export const ConsoleContext = createContext<Console | null>(null);

export function useConsole(): Console {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error('useConsole() outside <ConsoleContext.Provider>');
  return value;
}

/** For screens that only exist while signed in. */
export function useLive(): LiveSession {
  const live = useConsole().live.value;
  if (!live) throw new Error('useLive() while signed out');
  return live;
}

export function useT() {
  return useConsole().translator.t;
}
