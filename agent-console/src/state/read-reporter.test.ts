import { createReadReporter } from './read-reporter';

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

function start(online = { value: true }) {
  const sent: Array<[string, number]> = [];
  const reporter = createReadReporter({
    send: (conversationId, seq) => {
      if (!online.value) return false;
      sent.push([conversationId, seq]);
      return true;
    },
    intervalMs: 1000,
  });
  return { reporter, sent, online };
}

describe('read reporter', () => {
  it('sends the first read at once and only the highest of a burst after the interval', () => {
    const { reporter, sent } = start();
    reporter.report('conv-1', 3);
    reporter.report('conv-1', 4);
    reporter.report('conv-1', 6);
    reporter.report('conv-1', 5);
    expect(sent).toEqual([['conv-1', 3]]);
    jest.advanceTimersByTime(999);
    expect(sent).toHaveLength(1);
    jest.advanceTimersByTime(1);
    expect(sent).toEqual([
      ['conv-1', 3],
      ['conv-1', 6],
    ]);
  });

  it('never repeats a seq already sent or already known to the server, and throttles each chat apart', () => {
    const { reporter, sent } = start();
    reporter.acknowledge('conv-1', 8);
    reporter.report('conv-1', 8);
    reporter.report('conv-2', 2);
    jest.advanceTimersByTime(5000);
    reporter.report('conv-2', 2);
    expect(sent).toEqual([['conv-2', 2]]);
  });

  it('does not count a report made while offline as sent', () => {
    const { reporter, sent, online } = start();
    online.value = false;
    reporter.report('conv-1', 4);
    online.value = true;
    reporter.report('conv-1', 4);
    expect(sent).toEqual([['conv-1', 4]]);
  });

  it('drops a waiting report when disposed', () => {
    const { reporter, sent } = start();
    reporter.report('conv-1', 1);
    reporter.report('conv-1', 2);
    reporter.dispose();
    jest.advanceTimersByTime(5000);
    expect(sent).toEqual([['conv-1', 1]]);
  });
});
