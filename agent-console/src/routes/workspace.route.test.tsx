import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { conversation, ticket } from '../test-support/fixtures';
import { renderSignedIn } from '../test-support/render-console';
import { serveTickets } from '../test-support/ticket-server';

beforeEach(() => window.localStorage.clear());

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea, [tabindex]:not([tabindex="-1"])';

describe('the workspace frame', () => {
  it('offers "Skip to conversations" as the first stop of the page, before the top bar', async () => {
    await renderSignedIn();
    const skip = screen.getByRole('link', { name: 'Skip to conversations' });
    const [firstStop] = Array.from(document.querySelectorAll<HTMLElement>(FOCUSABLE));
    expect(firstStop).toBe(skip);
    const topBar = document.querySelector('header.topbar') as HTMLElement;
    expect(skip.compareDocumentPosition(topBar) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(skip).toHaveAttribute('href', '#conversations');
  });

  it('names the Chats screen with a heading and every screen in the window title', async () => {
    const subject = ticket({ subject: 'Parcel late' });
    const { socket } = await renderSignedIn();
    serveTickets(socket, [subject]);

    expect(screen.getByRole('heading', { level: 1, name: 'Chats' })).toBeInTheDocument();
    await waitFor(() => expect(document.title).toBe('Chats · Parley console'));

    fireEvent.click(screen.getByTestId('tickets-nav'));
    await waitFor(() => expect(document.title).toBe('Tickets · Parley console'));

    const row = await screen.findByTestId('ticket-row');
    fireEvent.click(within(row).getByRole('link', { name: 'Parcel late' }));
    await waitFor(() => expect(document.title).toBe(`Ticket #${subject.number} · Parley console`));

    fireEvent.click(screen.getByTestId('agent-name'));
    await waitFor(() => expect(document.title).toBe('Your account · Parley console'));
  });

  it('keeps the unread count before the screen’s name', async () => {
    const { socket } = await renderSignedIn();
    serveTickets(socket, []);
    act(() => socket.serverEmit('conversation:updated', conversation({ lastSeq: 1 })));
    await waitFor(() => expect(document.title).toBe('(1) Chats · Parley console'));
    fireEvent.click(screen.getByTestId('tickets-nav'));
    await waitFor(() => expect(document.title).toBe('(1) Tickets · Parley console'));
  });
});

describe('names in the top bar', () => {
  it('calls the presence menu "Your status", apart from the tickets’ Status filter', async () => {
    const { socket } = await renderSignedIn();
    serveTickets(socket, [ticket()]);
    fireEvent.click(screen.getByTestId('tickets-nav'));
    await screen.findByTestId('ticket-row');

    expect(within(document.querySelector('header.topbar') as HTMLElement).getByRole('combobox', { name: 'Your status' })).toBe(
      screen.getByTestId('presence-select'),
    );
    expect(screen.getAllByRole('combobox', { name: 'Status' })).toHaveLength(1);
  });
});

describe('focus on a screen change', () => {
  it('moves to the ticket’s heading when a ticket is opened from the list, and to the list’s after "← All tickets"', async () => {
    const subject = ticket({ subject: 'Parcel late' });
    const { socket } = await renderSignedIn();
    serveTickets(socket, [subject]);
    fireEvent.click(screen.getByTestId('tickets-nav'));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: /^Tickets/ })),
    );

    const link = within(await screen.findByTestId('ticket-row')).getByRole('link', { name: 'Parcel late' });
    link.focus();
    fireEvent.click(link);
    const heading = await screen.findByRole('heading', { level: 1, name: /Parcel late/ });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(heading).toHaveAttribute('tabindex', '-1');

    const back = screen.getByTestId('ticket-back');
    back.focus();
    fireEvent.click(back);
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: /^Tickets/ })),
    );
  });

  it('moves to the Chats heading on the way back to the chats', async () => {
    const { socket } = await renderSignedIn();
    serveTickets(socket, []);
    fireEvent.click(screen.getByTestId('tickets-nav'));
    await screen.findByTestId('tickets-page');
    fireEvent.click(screen.getByTestId('chats-nav'));
    await waitFor(() =>
      expect(document.activeElement).toBe(screen.getByRole('heading', { level: 1, name: 'Chats' })),
    );
  });

  it('leaves focus alone on the first screen', async () => {
    await renderSignedIn();
    expect(document.activeElement).toBe(document.body);
  });
});
