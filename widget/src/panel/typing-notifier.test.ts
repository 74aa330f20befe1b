import { createTypingNotifier } from './typing-notifier';

describe('typing notifier', () => {
  it('says "typing" once per burst of keystrokes and "stopped" after a pause or on send', () => {
    jest.useFakeTimers();
    const sent: boolean[] = [];
    const notifier = createTypingNotifier((typing) => sent.push(typing), 3000);
    notifier.input();
    jest.advanceTimersByTime(1000);
    notifier.input();
    jest.advanceTimersByTime(2999);
    expect(sent).toEqual([true]);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual([true, false]);

    notifier.input();
    notifier.stop();
    notifier.stop();
    expect(sent).toEqual([true, false, true, false]);
    jest.useRealTimers();
  });
});
