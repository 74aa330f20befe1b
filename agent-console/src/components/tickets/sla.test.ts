import { ticket } from '../../test-support/fixtures';
import { formatDuration, nextClock, slaClocks } from './sla';

const at = (iso: string) => Date.parse(iso);

describe('SLA clocks', () => {
  const t = ticket({
    createdAt: '2030-01-02T10:00:00.000Z',
    firstResponseDueAt: '2030-01-02T11:00:00.000Z',
    resolutionDueAt: '2030-01-03T10:00:00.000Z',
  });

  it('counts down, warns in the last hour, and says breached after the due time', () => {
    expect(slaClocks(t, at('2030-01-02T10:00:00.000Z')).firstResponse).toMatchObject({ state: 'running' });
    expect(slaClocks(t, at('2030-01-02T10:30:00.000Z')).firstResponse).toMatchObject({
      state: 'soon',
      marginMs: 30 * 60_000,
    });
    expect(slaClocks(t, at('2030-01-02T11:05:00.000Z')).firstResponse).toMatchObject({
      state: 'breached',
      marginMs: -5 * 60_000,
    });
  });

  it('stops a clock when it is met, on time or late, and moves on to the resolution', () => {
    const answered = { ...t, firstRespondedAt: '2030-01-02T11:10:00.000Z' };
    expect(slaClocks(answered, at('2030-01-02T12:00:00.000Z')).firstResponse.state).toBe('met_late');
    expect(nextClock(answered, at('2030-01-02T12:00:00.000Z'))?.name).toBe('resolution');
    const solved = { ...answered, status: 'solved' as const, solvedAt: '2030-01-02T15:00:00.000Z' };
    expect(slaClocks(solved, at('2030-01-05T00:00:00.000Z')).resolution.state).toBe('met');
    expect(nextClock(solved, at('2030-01-05T00:00:00.000Z'))).toBeNull();
  });

  it('stops the first-response clock of a ticket solved or closed without a public reply', () => {
    const solved = { ...t, status: 'solved' as const, solvedAt: '2030-01-02T10:30:00.000Z' };
    expect(slaClocks(solved, at('2030-01-02T10:40:00.000Z')).firstResponse.state).toBe('met');
    expect(slaClocks(solved, at('2030-01-04T00:00:00.000Z')).firstResponse.state).toBe('met');
    expect(nextClock(solved, at('2030-01-04T00:00:00.000Z'))).toBeNull();
    const solvedLate = { ...t, status: 'solved' as const, solvedAt: '2030-01-02T12:00:00.000Z' };
    expect(slaClocks(solvedLate, at('2030-01-02T12:10:00.000Z')).firstResponse).toMatchObject({
      state: 'met_late',
      marginMs: -60 * 60_000,
    });
    const closed = { ...t, status: 'closed' as const, closedAt: '2030-01-02T10:45:00.000Z' };
    expect(nextClock(closed, at('2030-01-09T00:00:00.000Z'))).toBeNull();
    // Reopened (solvedAt cleared): the reply is owed again.
    expect(slaClocks({ ...t, status: 'open' }, at('2030-01-02T11:05:00.000Z')).firstResponse.state).toBe('breached');
  });

  it('stands still while the ticket waits on the requester, showing the time left when it went pending', () => {
    const pending = { ...t, status: 'pending' as const, pendingSince: '2030-01-02T10:20:00.000Z', firstRespondedAt: '2030-01-02T10:20:00.000Z' };
    const days = [at('2030-01-02T10:30:00.000Z'), at('2030-01-09T00:00:00.000Z')];
    for (const now of days) {
      expect(slaClocks(pending, now).resolution).toEqual({ name: 'resolution', state: 'paused', marginMs: (23 * 60 + 40) * 60_000 });
      expect(nextClock(pending, now)).toMatchObject({ name: 'resolution', state: 'paused' });
    }
    // Paused after its due time: it stays overdue by as much as when it stopped.
    const late = { ...t, status: 'pending' as const, pendingSince: '2030-01-02T11:30:00.000Z' };
    expect(slaClocks(late, at('2030-01-05T00:00:00.000Z')).firstResponse).toEqual({ name: 'firstResponse', state: 'paused', marginMs: -30 * 60_000 });
  });

  it('writes durations the agent’s way', () => {
    expect(formatDuration((2 * 60 + 14) * 60_000, 'en')).toBe('2h 14m');
    expect(formatDuration(-(3 * 1440 + 4 * 60) * 60_000, 'en')).toBe('3d 4h');
    expect(formatDuration(20_000, 'en')).toBe('1m');
    expect(formatDuration(35 * 60_000, 'ru')).toBe('35 мин');
  });
});
