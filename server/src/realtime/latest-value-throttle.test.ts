import { latestValueThrottle } from './latest-value-throttle';

describe('latestValueThrottle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const setUp = () => {
    const passed: string[] = [];
    const throttle = latestValueThrottle<object, string>(1000, (a, b) => a === b, (key, value) => passed.push(value));
    return { passed, throttle };
  };

  it('passes the first page at once, then the latest of a burst once a second, not each one', () => {
    const { passed, throttle } = setUp();
    const tab = {};
    throttle(tab, '/a');
    expect(passed).toEqual(['/a']);
    for (let n = 1; n <= 200; n++) throttle(tab, `/a?page=${n}`);
    expect(passed).toEqual(['/a']);
    jest.advanceTimersByTime(1000);
    expect(passed).toEqual(['/a', '/a?page=200']);
    jest.advanceTimersByTime(5000);
    expect(passed).toEqual(['/a', '/a?page=200']);
  });

  it('never passes the same page twice in a row, and keeps each tab apart', () => {
    const { passed, throttle } = setUp();
    const one = {};
    const two = {};
    throttle(one, '/a');
    throttle(two, '/a');
    jest.advanceTimersByTime(1000);
    throttle(one, '/a');
    throttle(one, '/a');
    jest.advanceTimersByTime(1000);
    expect(passed).toEqual(['/a', '/a']);
    throttle(one, '/b');
    expect(passed).toEqual(['/a', '/a', '/b']);
    // A burst that ends where it began changes nothing.
    throttle(one, '/c');
    throttle(one, '/b');
    jest.advanceTimersByTime(1000);
    expect(passed).toEqual(['/a', '/a', '/b']);
  });
});
