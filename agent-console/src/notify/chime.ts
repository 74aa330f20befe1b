/**
 * A short two-note chime from Web Audio: no sound file to fetch (the CSP allows none), and
 * nothing to play until the agent has touched the page, as browsers' autoplay rules demand.
 */
type AudioContextClass = typeof AudioContext;

export interface Chime {
  play(): void;
}

export function createChime(target: Document = document): Chime {
  const Context: AudioContextClass | undefined = globalThis.AudioContext;
  let context: AudioContext | null = null;

  // The first click or key press is the user gesture that lets audio start.
  const unlock = () => {
    if (!Context) return;
    context ??= new Context();
    void context.resume().catch(() => undefined);
    target.removeEventListener('pointerdown', unlock);
    target.removeEventListener('keydown', unlock);
  };
  target.addEventListener('pointerdown', unlock);
  target.addEventListener('keydown', unlock);

  function note(frequency: number, startsAt: number) {
    if (!context) return;
    const oscillator = context.createOscillator();
    const gain = context.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.value = frequency;
    gain.gain.setValueAtTime(0.0001, startsAt);
    gain.gain.exponentialRampToValueAtTime(0.12, startsAt + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, startsAt + 0.18);
    oscillator.connect(gain).connect(context.destination);
    oscillator.start(startsAt);
    oscillator.stop(startsAt + 0.2);
  }

  return {
    play() {
      if (!context || context.state !== 'running') return;
      note(880, context.currentTime);
      note(1320, context.currentTime + 0.14);
    },
  };
}
