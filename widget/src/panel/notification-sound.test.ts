import { createNotificationSound } from './notification-sound';

/** Just enough of the Web Audio API to see what the chime does. */
class FakeAudioContext {
  static last: FakeAudioContext | undefined;
  state: AudioContextState = 'suspended';
  currentTime = 10;
  destination = {};
  resumes = 0;
  resumed: Promise<void> = Promise.resolve();
  tones: { start?: number; stop?: number }[] = [];
  constructor() {
    FakeAudioContext.last = this;
  }
  resume(): Promise<void> {
    this.resumes += 1;
    // Browsers answer later, and only after a user gesture; tests await `resumed`.
    this.resumed = Promise.resolve().then(() => {
      this.state = 'running';
    });
    return this.resumed;
  }
  createGain() {
    return { gain: { setValueAtTime: jest.fn(), exponentialRampToValueAtTime: jest.fn() }, connect: (next: unknown) => next };
  }
  createOscillator() {
    const tone: { start?: number; stop?: number } = {};
    this.tones.push(tone);
    return {
      frequency: { setValueAtTime: jest.fn() },
      connect: (next: unknown) => next,
      start: (at: number) => (tone.start = at),
      stop: (at: number) => (tone.stop = at),
    };
  }
}

const fakeWindow = (withAudio: boolean) =>
  Object.assign(new EventTarget(), withAudio ? { AudioContext: FakeAudioContext } : {}) as unknown as Window & {
    AudioContext?: typeof AudioContext;
  };

describe('notification sound', () => {
  it('stays silent while the browser keeps audio suspended, then plays a short chime', async () => {
    const win = fakeWindow(true);
    const sound = createNotificationSound(win)!;
    const context = FakeAudioContext.last!;
    sound.play();
    expect(context.tones).toEqual([]);

    await context.resumed;
    sound.play();
    expect(context.tones).toHaveLength(1);
    const [tone] = context.tones;
    expect(tone!.start).toBe(10);
    expect(tone!.stop! - tone!.start!).toBeLessThanOrEqual(0.5);
  });

  it('resumes a suspended context on the visitor’s next press', async () => {
    const win = fakeWindow(true);
    createNotificationSound(win);
    const context = FakeAudioContext.last!;
    await context.resumed;
    context.state = 'suspended';
    win.dispatchEvent(new Event('pointerdown'));
    expect(context.resumes).toBe(2);
  });

  it('gives nothing where the browser has no Web Audio', () => {
    expect(createNotificationSound(fakeWindow(false))).toBeUndefined();
  });
});
