/** Turns keystrokes into few `typing:set` events: one "typing" at the start, one "stopped" after a pause. */

export interface TypingNotifier {
  input(): void;
  stop(): void;
}

export function createTypingNotifier(setTyping: (typing: boolean) => void, idleMs = 3000): TypingNotifier {
  let typing = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = (): void => {
    clearTimeout(timer);
    if (!typing) return;
    typing = false;
    setTyping(false);
  };
  return {
    input() {
      if (!typing) {
        typing = true;
        setTyping(true);
      }
      clearTimeout(timer);
      timer = setTimeout(stop, idleMs);
    },
    stop,
  };
}
