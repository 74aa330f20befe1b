/**
 * A short chime when an agent writes while the chat is closed or the page hidden. Browsers allow
 * sound only once the visitor has interacted with the page (here: the panel), so start-panel loads
 * this module on the first press inside the panel; a later press resumes a suspended context.
 */
export interface NotificationSound {
  play(): void;
}

export function createNotificationSound(win: Window & { AudioContext?: typeof AudioContext }): NotificationSound | undefined {
  if (!win.AudioContext) return undefined;
  const context = new win.AudioContext();
  const resume = (): void => void context.resume().catch(() => undefined);
  resume();
  win.addEventListener('pointerdown', resume);
  win.addEventListener('keydown', resume);
  return {
    play() {
      if (context.state !== 'running') return;
      const start = context.currentTime;
      const tone = context.createOscillator();
      const volume = context.createGain();
      tone.frequency.setValueAtTime(880, start);
      tone.frequency.setValueAtTime(1175, start + 0.12);
      volume.gain.setValueAtTime(0.12, start);
      volume.gain.exponentialRampToValueAtTime(0.001, start + 0.45);
      tone.connect(volume).connect(context.destination);
      tone.start(start);
      tone.stop(start + 0.45);
    },
  };
}
