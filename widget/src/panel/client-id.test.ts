import { CLIENT_ID_PATTERN, newClientId } from './client-id';

describe('newClientId', () => {
  it('makes ids the server accepts, different every time', () => {
    const ids = Array.from({ length: 1000 }, () => newClientId());
    for (const id of ids) expect(id).toMatch(CLIENT_ID_PATTERN);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('orders ids as text in the order they were made, across the clock rolling over a digit', () => {
    const times = [0, 35, 36, 1_295, 1_296, Date.UTC(2026, 10, 24), Date.UTC(2059, 4, 5), Date.UTC(2200, 0, 1)];
    const ids = times.map((time) => newClientId(time));
    expect([...ids].sort()).toEqual(ids);
  });
});
