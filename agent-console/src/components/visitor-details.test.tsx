import { act, fireEvent, waitFor, within } from '@testing-library/preact';
import { fakeAdminClient } from '../test-support/fake-admin-client';
import { AGENT, conversation, ticket, visitorProfile } from '../test-support/fixtures';
import { openFirstChat } from '../test-support/open-chat';

beforeEach(() => window.localStorage.clear());

describe('visitor details', () => {
  it('loads when unfolded, follows the visitor live, and never links a javascript: page', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id, visitorName: 'Maria' });
    const profile = visitorProfile(mine, {
      name: 'Maria', email: 'maria@example.com', locale: 'es', pageUrl: 'https://shop.example/cart', pageTitle: 'Your cart',
      referrer: '', userAgent: 'Firefox/140', visitStartedAt: '2030-01-02T09:55:00.000Z',
    });
    const { socket, panel } = await openFirstChat({ conversations: [mine] });
    socket.handle('visitor:profile', () => ({
      ok: true,
      data: { visitor: profile, conversations: [mine, conversation()], tickets: [] },
    }));

    const details = within(panel).getByTestId('visitor-details') as HTMLDetailsElement;
    expect(socket.emitsOf('visitor:profile')).toEqual([]); // nothing fetched until asked
    details.open = true;
    fireEvent(details, new Event('toggle'));

    await waitFor(() =>
      expect(within(details).getByTestId('visitor-email')).toHaveTextContent('maria@example.com'),
    );
    expect(within(details).getByRole('link', { name: 'Your cart' })).toHaveAttribute(
      'href',
      'https://shop.example/cart',
    );
    expect(within(details).getByTestId('visitor-earlier')).toHaveTextContent('1');

    act(() =>
      socket.serverEmit('visitor:updated', {
        ...profile,
        pageUrl: 'javascript:alert(1)',
        pageTitle: 'Checkout',
      }),
    );
    await waitFor(() => expect(within(details).getByTestId('visitor-page')).toHaveTextContent('Checkout'));
    expect(within(details).queryByRole('link', { name: 'Checkout' })).toBeNull();
  });

  it('says which department the chat is for, as the visitor picked it', async () => {
    const sales = { id: 'dept-sales-0001', siteId: AGENT.siteId, name: 'Sales' };
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id, departmentId: sales.id });
    const admin = fakeAdminClient({ departments: [sales] });
    const { socket, panel } = await openFirstChat({ conversations: [mine], admin });
    socket.handle('visitor:profile', () => ({
      ok: true,
      data: {
        visitor: visitorProfile(mine, { name: 'Maria', locale: 'es' }),
        conversations: [mine],
        tickets: [],
      },
    }));

    const details = within(panel).getByTestId('visitor-details') as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event('toggle'));

    await waitFor(() => expect(within(details).getByTestId('visitor-department')).toHaveTextContent('Sales'));
  });

  it('lists the pages the visitor went to, newest first, as they move on live', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id, visitorName: 'Maria' });
    const page = (path: string, title: string, minute: number) => ({
      url: `https://shop.example${path}`,
      title,
      at: `2030-01-02T10:${String(minute).padStart(2, '0')}:00.000Z`,
    });
    const profile = visitorProfile(mine, {
      name: 'Maria', locale: 'es', pageUrl: 'https://shop.example/teas', pageTitle: 'Teas', referrer: '',
      pagesVisited: [page('/', 'Shop', 1), page('/teas', 'Teas', 3)], visitStartedAt: '2030-01-02T10:00:00.000Z',
    });
    const { socket, panel } = await openFirstChat({ conversations: [mine] });
    socket.handle('visitor:profile', () => ({ ok: true, data: { visitor: profile, conversations: [mine], tickets: [] } }));
    const details = within(panel).getByTestId('visitor-details') as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    const pages = await within(details).findByTestId('visitor-pages');
    expect(within(pages).getAllByRole('link').map((link) => link.textContent)).toEqual(['Teas', 'Shop']);

    act(() =>
      socket.serverEmit('visitor:updated', {
        ...profile,
        pageUrl: 'https://shop.example/teas/oolong',
        pageTitle: 'Oolong',
        pagesVisited: [...profile.pagesVisited!, page('/teas/oolong', 'Oolong', 5)],
      }),
    );
    await waitFor(() =>
      expect(within(pages).getAllByRole('link').map((link) => link.textContent)).toEqual(['Oolong', 'Teas', 'Shop']),
    );
    expect(within(pages).getAllByRole('link')[0]).toHaveAttribute('href', 'https://shop.example/teas/oolong');
  });

  it('lists the visitor’s earlier tickets, each linking to the ticket', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const earlier = ticket({ subject: 'Refund for order 1182', status: 'pending' });
    const { socket, panel } = await openFirstChat({ conversations: [mine] });
    socket.handle('visitor:profile', () => ({
      ok: true,
      data: {
        visitor: visitorProfile(mine),
        conversations: [mine],
        tickets: [earlier],
      },
    }));
    const details = within(panel).getByTestId('visitor-details') as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event('toggle'));

    const item = await within(details).findByTestId('visitor-ticket');
    expect(item).toHaveTextContent(`#${earlier.number} Refund for order 1182`);
    expect(item).toHaveTextContent('Pending');
    const link = within(item).getByRole('link');
    expect(link).toHaveAttribute('href', `#/tickets/${earlier.id}`);
    fireEvent.click(link);
    await waitFor(() => expect(window.location.hash).toBe(`#/tickets/${earlier.id}`));
  });

  it('shows whether the site signed the identity: verified with its user id, or visibly not', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id, visitorName: 'Ada' });
    const base = visitorProfile(mine, { name: 'Ada', email: 'ada@example.com', locale: 'en', verified: false, userId: null });
    const { socket, panel } = await openFirstChat({ conversations: [mine] });
    socket.handle('visitor:profile', () => ({ ok: true, data: { visitor: base, conversations: [mine], tickets: [] } }));
    const details = within(panel).getByTestId('visitor-details') as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    await waitFor(() => expect(within(details).getByTestId('visitor-identity')).toHaveTextContent('Not verified'));
    expect(within(details).queryByTestId('identity-verified')).toBeNull();
    // The language by name in the agent's language, its code on hover.
    expect(within(details).getByTestId('visitor-language')).toHaveTextContent('English');
    act(() => socket.serverEmit('visitor:updated', { ...base, locale: 'pt-BR' }));
    await waitFor(() => expect(within(details).getByTestId('visitor-language')).toHaveTextContent('Brazilian Portuguese'));
    expect(within(details).getByTitle('pt-BR')).toBeInTheDocument();

    act(() => socket.serverEmit('visitor:updated', { ...base, verified: true, userId: 'user-42' }));
    await waitFor(() => expect(within(details).getByTestId('visitor-identity')).toHaveTextContent('Verified'));
    expect(within(details).getByTestId('visitor-identity')).toHaveTextContent('user-42');
    // The summary line says so too, before anyone reads the list.
    expect(within(details.querySelector('summary') as HTMLElement).getByTestId('identity-verified')).toBeInTheDocument();
  });

  it('drops an erased conversation from the list and closes its tab', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id, visitorName: 'Erased Person' });
    const { socket, panel } = await openFirstChat({ conversations: [mine] });
    expect(panel).toHaveTextContent('Erased Person');
    act(() => socket.serverEmit('contact:erased', { conversationIds: [mine.id], ticketIds: [], visitorIds: [mine.visitorId] }));
    await waitFor(() => expect(document.body).not.toHaveTextContent('Erased Person'));
  });
});
