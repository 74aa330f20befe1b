import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { addDays, browserTimeZone, todayIn } from '../state/analytics.store';
import { analyticsReport, serveAnalytics } from '../test-support/analytics-server';
import { AGENT } from '../test-support/fixtures';
import { BOB, SALES } from '../test-support/open-admin';
import { openInsight } from '../test-support/open-insight';
// Loaded up front, so the lazily shown screen appears at once in every test.
import './analytics.route';

beforeEach(() => window.localStorage.clear());

// chartist reads media queries; jsdom has none, so each test gets a quiet stand-in.
beforeAll(() => {
  window.matchMedia = ((query: string) => ({
    matches: false,
    media: query,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  })) as unknown as typeof window.matchMedia;
});
afterAll(() => {
  delete (window as { matchMedia?: unknown }).matchMedia;
});

async function openAnalytics(as?: typeof AGENT) {
  const server = serveAnalytics();
  const rendered = await openInsight('analytics-nav', { as, fetch: server.fetch as unknown as typeof fetch });
  return { ...rendered, server };
}

const kpi = (metric: string) =>
  screen.getAllByTestId('analytics-kpi').find((tile) => tile.dataset.metric === metric) as HTMLElement;

describe('analytics', () => {
  it('shows an agent their own last 30 days in the browser time zone, with figures and charts', async () => {
    const { server } = await openAnalytics(AGENT);
    await screen.findAllByTestId('analytics-kpi', {}, { timeout: 5000 });
    const zone = browserTimeZone();
    const today = todayIn(zone);
    expect(server.queries).toEqual([{ from: addDays(today, -29), to: today, timeZone: zone }]);
    expect(screen.getByRole('button', { name: 'Last 30 days' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByText('These are your own figures.')).toBeInTheDocument();
    expect(screen.queryByTestId('analytics-agent')).toBeNull();
    expect(screen.queryByTestId('analytics-agents')).toBeNull();

    expect(kpi('conversations')).toHaveTextContent('Chats120110 answered');
    expect(kpi('missed')).toHaveTextContent('6');
    expect(kpi('escalated')).toHaveTextContent('14');
    expect(kpi('firstResponseMedian')).toHaveTextContent('42 sec');
    expect(kpi('firstResponseMedian')).toHaveTextContent('Tickets: 1 hr');
    expect(kpi('firstResponseP90')).toHaveTextContent('3 min');
    expect(kpi('resolutionMedian')).toHaveTextContent('4 min, 12 sec');
    expect(kpi('slaBreaches')).toHaveTextContent('3');
    expect(kpi('csat')).toHaveTextContent('88%');
    expect(kpi('csat')).toHaveTextContent('25 ratings, average 4.4');
    expect(kpi('deflection')).toHaveTextContent('14.8%');

    const byDay = screen.getByTestId('analytics-chart-day');
    expect(within(byDay).getByRole('table', { hidden: true }).querySelectorAll('tbody tr')).toHaveLength(30);
    // chartist draws after a tick: one bar per day and series.
    await waitFor(() => expect(byDay.querySelectorAll('.ct-bar')).toHaveLength(60));
    expect(screen.getByTestId('analytics-chart-hour')).toHaveTextContent(`Volume by hour of day (${zone})`);
    expect(within(screen.getByTestId('analytics-tags')).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'refund12 tickets',
      'delivery7 tickets',
      'invoice1 ticket',
    ]);
  });

  it('lets an admin pick a period, an agent and a department; deflection is not counted for one agent', async () => {
    const { server } = await openAnalytics();
    await screen.findAllByTestId('analytics-kpi', {}, { timeout: 5000 });
    expect(screen.getAllByTestId('analytics-agents-row').map((row) => row.querySelector('th')?.textContent)).toEqual([
      'Alma',
      'Nobody assigned',
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Last 7 days' }));
    await waitFor(() => expect(server.queries).toHaveLength(2));
    const zone = browserTimeZone();
    expect(server.queries[1]).toEqual({ from: addDays(todayIn(zone), -6), to: todayIn(zone), timeZone: zone });

    fireEvent.change(screen.getByRole('combobox', { name: 'Agent' }), { target: { value: BOB.id } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Department' }), { target: { value: SALES.id } });
    fireEvent.change(screen.getByRole('combobox', { name: 'Time zone' }), { target: { value: 'Asia/Tokyo' } });
    await waitFor(() => expect(server.queries).toHaveLength(5));
    expect(server.queries[4]).toEqual({
      from: addDays(todayIn('Asia/Tokyo'), -6),
      to: todayIn('Asia/Tokyo'),
      timeZone: 'Asia/Tokyo',
      agentId: BOB.id,
      departmentId: SALES.id,
    });
    await waitFor(() => expect(kpi('deflection')).toHaveTextContent('Not counted for one agent or department'));
    expect(kpi('deflection')).toHaveTextContent('—');
  });

  it("names a deleted department's row as removed, apart from chats without a department", async () => {
    const server = serveAnalytics();
    const [sales] = analyticsReport({ from: '2030-03-01', to: '2030-03-31', timeZone: 'UTC' }).byDepartment;
    if (!sales) throw new Error('the fixture report has a department');
    server.answer = {
      byDepartment: [sales, { ...sales, departmentId: 'dept-gone-00001', name: null }, { ...sales, departmentId: null, name: null }],
    };
    await openInsight('analytics-nav', { fetch: server.fetch as unknown as typeof fetch });
    await screen.findAllByTestId('analytics-kpi', {}, { timeout: 5000 });
    expect(screen.getAllByTestId('analytics-departments-row').map((row) => row.querySelector('th')?.textContent)).toEqual([
      'Sales',
      'Removed department',
      'No department',
    ]);
  });

  it('takes custom dates and refuses a period that ends before it starts or is too long', async () => {
    const { server } = await openAnalytics();
    await screen.findAllByTestId('analytics-kpi', {}, { timeout: 5000 });
    fireEvent.click(screen.getByRole('button', { name: 'Custom' }));
    await waitFor(() => expect(server.queries).toHaveLength(2));
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2030-03-10' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2030-03-01' } });
    expect(await screen.findByTestId('analytics-invalid')).toHaveTextContent('The period ends before it starts.');
    expect(screen.getByTestId('analytics-export')).toBeDisabled();
    // The figures held are another period's: none are shown until the period is one.
    expect(screen.queryAllByTestId('analytics-kpi')).toHaveLength(0);
    expect(screen.queryByTestId('analytics-chart-day')).toBeNull();
    expect(screen.queryByTestId('analytics-departments')).toBeNull();
    expect(screen.getByTestId('analytics-period')).toHaveTextContent('');

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2028-01-01' } });
    expect(await screen.findByTestId('analytics-invalid')).toHaveTextContent('A report covers at most 366 days.');

    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2030-02-20' } });
    await waitFor(() => expect(screen.queryByTestId('analytics-invalid')).toBeNull());
    expect(server.queries.at(-1)).toMatchObject({ from: '2030-02-20', to: '2030-03-01' });
    expect(await screen.findAllByTestId('analytics-kpi')).not.toHaveLength(0);
    // The refused periods never reached the server.
    expect(server.queries.map((q) => q.from)).not.toContain('2028-01-01');
    expect(screen.getByTestId('analytics-period')).toHaveTextContent('Feb 20 – Mar 1, 2030');
  });

  it('says so when the period has no chats and no tickets', async () => {
    const server = serveAnalytics();
    const empty = { conversations: 0, answered: 0, missed: 0, escalated: 0, tickets: 0 };
    server.answer = {
      totals: { ...(await import('../test-support/analytics-server')).metrics(empty) },
      deflection: { deflections: 0, ratePercent: null },
    };
    await openInsight('analytics-nav', { fetch: server.fetch as unknown as typeof fetch });
    expect(await screen.findByTestId('analytics-empty')).toHaveTextContent('No chats or tickets in this period.');
    expect(screen.queryByTestId('analytics-kpi')).toBeNull();
    expect(screen.queryByTestId('analytics-chart-day')).toBeNull();
  });

  it('downloads the same selection as a CSV file with the session token', async () => {
    const { server } = await openAnalytics();
    await screen.findAllByTestId('analytics-kpi', {}, { timeout: 5000 });
    const createObjectURL = jest.fn((_blob: Blob) => 'blob:report');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked: { download: string; href: string }[] = [];
    const click = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    fireEvent.click(screen.getByTestId('analytics-export'));
    await waitFor(() => expect(clicked).toHaveLength(1));
    click.mockRestore();
    const zone = browserTimeZone();
    expect(server.csvQueries).toEqual([{ from: addDays(todayIn(zone), -29), to: todayIn(zone), timeZone: zone }]);
    expect(clicked[0]).toEqual({
      download: `parley-report-${addDays(todayIn(zone), -29)}-${todayIn(zone)}.csv`,
      href: 'blob:report',
    });
    expect(createObjectURL.mock.calls[0]?.[0]).toBeInstanceOf(Blob);
  });

  it('shows a failure with a way to try again', async () => {
    const server = serveAnalytics();
    server.answer = { status: 403, error: { code: 'FORBIDDEN', message: 'no' } };
    await openInsight('analytics-nav', { fetch: server.fetch as unknown as typeof fetch });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveAttribute('data-code', 'FORBIDDEN');
    server.answer = {};
    await act(async () => {
      fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    });
    expect(await screen.findAllByTestId('analytics-kpi')).toHaveLength(10);
  });
});
