import type { Agent } from '@parley/shared';
import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { AGENT, ticket, ticketEvent, visitorProfile } from '../test-support/fixtures';
import { renderSignedIn } from '../test-support/render-console';
import { serveTickets } from '../test-support/ticket-server';

beforeEach(() => window.localStorage.clear());

const BOB: Agent = { ...AGENT, id: 'agent-bob-00001', name: 'Bob', email: 'bob@example.com' };

async function openTicket() {
  const subject = ticket({
    subject: 'Parcel late',
    status: 'open',
    firstRespondedAt: '2030-01-02T10:30:00.000Z',
  });
  const timeline = [
    ticketEvent(subject, {
      seq: 1,
      kind: 'created',
      text: 'Where is my parcel?',
      changes: [{ field: 'source', from: null, to: 'offline_form' }],
    }),
    ticketEvent(subject, {
      seq: 2,
      kind: 'reply',
      authorKind: 'agent',
      authorId: BOB.id,
      authorName: 'Bob',
      text: 'Checking now.',
    }),
    ticketEvent(subject, {
      seq: 3,
      kind: 'note',
      authorKind: 'agent',
      authorId: BOB.id,
      authorName: 'Bob',
      text: 'Courier says Friday.',
    }),
    ticketEvent(subject, {
      seq: 4,
      kind: 'change',
      authorKind: 'agent',
      authorId: BOB.id,
      authorName: 'Bob',
      text: null,
      changes: [
        { field: 'priority', from: 'normal', to: 'high' },
        { field: 'assigneeAgentId', from: null, to: BOB.id },
      ],
    }),
    ticketEvent(subject, {
      seq: 5,
      kind: 'rating',
      text: 'Thanks!',
      changes: [{ field: 'rating', from: null, to: 5 }],
    }),
  ];
  const rendered = await renderSignedIn();
  const server = serveTickets(rendered.socket, [subject], timeline);
  rendered.socket.serverEmit('agent:updated', BOB);
  fireEvent.click(screen.getByTestId('tickets-nav'));
  fireEvent.click(await screen.findByRole('link', { name: 'Parcel late' }));
  const view = await screen.findByTestId('ticket-view');
  await within(view).findByTestId('ticket-timeline');
  return { ...rendered, server, view, subject };
}

describe('ticket view', () => {
  it('shows the history: how it began, replies, notes set apart, changes in words, the rating', async () => {
    const { view, subject } = await openTicket();
    expect(view).toHaveAttribute('data-ticket-number', String(subject.number));
    expect(window.location.hash).toBe(`#/tickets/${subject.id}`);
    expect(within(view).getByRole('heading', { level: 1 })).toHaveTextContent(
      `#${subject.number} Parcel late`,
    );

    const items = within(view).getAllByTestId('timeline-item');
    expect(items.map((item) => item.getAttribute('data-kind'))).toEqual([
      'created',
      'reply',
      'note',
      'change',
      'rating',
    ]);
    expect(items[0]).toHaveTextContent('Maria wrote through the offline form');
    expect(items[1]).toHaveTextContent('Bob replied');
    expect(items[2]).toHaveAttribute('data-internal', 'true');
    expect(items[2]).toHaveTextContent('Internal note');
    expect(
      within(view)
        .getAllByTestId('timeline-change')
        .map((c) => c.textContent),
    ).toEqual(['Bob changed priority from Normal to High', 'Bob set assignee to Bob']);
    expect(items[4]).toHaveTextContent('Maria rated the help 5 of 5');
    expect(within(view).getByTestId('sla-firstResponse')).toHaveTextContent('Met');
  });

  it('adds an internal note and sets the status in the same step', async () => {
    const { socket, view, subject } = await openTicket();

    fireEvent.click(within(view).getByRole('button', { name: 'Internal note' }));
    fireEvent.input(within(view).getByRole('textbox', { name: 'Reply to the customer' }), {
      target: { value: 'Waiting for the courier' },
    });
    fireEvent.change(within(view).getByRole('combobox', { name: 'Then set status' }), {
      target: { value: 'pending' },
    });
    fireEvent.click(within(view).getByTestId('ticket-reply-send'));

    await waitFor(() => expect(within(view).getAllByTestId('timeline-item')).toHaveLength(6));
    expect(socket.emitsOf('ticket:reply')).toEqual([
      { ticketId: subject.id, reply: { text: 'Waiting for the courier', internal: true, status: 'pending' } },
    ]);
    const note = within(view).getAllByTestId('timeline-item').at(-1);
    expect(note).toHaveAttribute('data-internal', 'true');
    expect(note).toHaveTextContent('You added a note');
    expect(within(view).getByTestId('ticket-status-select')).toHaveValue('pending');
    expect(within(view).getByRole('textbox', { name: 'Reply to the customer' })).toHaveValue('');
  });

  it('changes status and escalates to tier 2, each a recorded change', async () => {
    const { socket, view, subject } = await openTicket();

    fireEvent.change(within(view).getByTestId('ticket-status-select'), { target: { value: 'solved' } });
    await waitFor(() => expect(view).toHaveAttribute('data-status', 'solved'));
    fireEvent.click(within(view).getByRole('button', { name: 'Escalate to tier 2' }));
    await waitFor(() => expect(within(view).getByTestId('ticket-tier-select')).toHaveValue('2'));

    expect(socket.emitsOf('ticket:update')).toEqual([
      { ticketId: subject.id, update: { status: 'solved' } },
      { ticketId: subject.id, update: { tier: 2 } },
    ]);
    await waitFor(() =>
      expect(
        within(view)
          .getAllByTestId('timeline-change')
          .map((c) => c.textContent),
      ).toEqual(
        expect.arrayContaining([
          'You changed status from Open to Solved',
          'You changed tier from Tier 1 to Tier 2',
        ]),
      ),
    );
    expect(within(view).queryByRole('button', { name: 'Escalate to tier 2' })).toBeNull();
    expect(within(view).getByRole('button', { name: 'Escalate to tier 3' })).toBeInTheDocument();
  });

  it('adds tags, and shows what a colleague wrote meanwhile', async () => {
    const { socket, server, view, subject } = await openTicket();

    const tagInput = within(view).getByRole('textbox', { name: 'Add a tag' });
    fireEvent.input(tagInput, { target: { value: 'Courier' } });
    fireEvent.keyDown(tagInput, { key: 'Enter' });
    await waitFor(() => expect(within(view).getByTestId('ticket-tags')).toHaveTextContent('courier'));
    expect(socket.emitsOf('ticket:update')).toEqual([
      { ticketId: subject.id, update: { tags: ['courier'] } },
    ]);

    act(
      () =>
        void server.change(
          subject.id,
          {},
          { kind: 'reply', authorKind: 'requester', authorName: 'Maria', text: 'Any news?' },
        ),
    );
    await waitFor(() => expect(within(view).getByText('Any news?')).toBeInTheDocument());
  });
});

describe('replying to a requester without an e-mail address', () => {
  it('says the reply will not reach them, instead of "Write to —" and "gets this by e-mail"', async () => {
    const subject = ticket({ subject: 'Phone call', status: 'new', requesterEmail: null, requesterName: null });
    const rendered = await renderSignedIn();
    serveTickets(rendered.socket, [subject], [ticketEvent(subject, { seq: 1, kind: 'created', text: 'Called about delivery' })]);
    fireEvent.click(screen.getByTestId('tickets-nav'));
    fireEvent.click(await screen.findByRole('link', { name: 'Phone call' }));
    const view = await screen.findByTestId('ticket-view');
    const box = await within(view).findByRole('textbox', { name: 'Reply to the customer' });
    expect(box).toHaveAttribute('placeholder', 'Write a reply');
    expect(box).toHaveAccessibleDescription(
      'This requester has no e-mail address: they will not receive this reply. Ctrl+Enter sends.',
    );
    expect(view).not.toHaveTextContent('gets this by e-mail');
  });

  it('names the address when there is one', async () => {
    const { view } = await openTicket();
    const box = within(view).getByRole('textbox', { name: 'Reply to the customer' });
    expect(box).toHaveAttribute('placeholder', 'Write to maria@example.com');
    expect(box).toHaveAccessibleDescription('The requester gets this by e-mail. Ctrl+Enter sends.');
  });
});

describe('ticket requester identity', () => {
  it("shows whether the site signed the requester's identity", async () => {
    const subject = ticket({ subject: 'Verified parcel', status: 'open', visitorId: 'visitor-ada-0001' });
    const rendered = await renderSignedIn();
    serveTickets(rendered.socket, [subject], [ticketEvent(subject, { seq: 1, kind: 'created', text: 'Hi' })]);
    rendered.socket.handle('visitor:profile', () => ({
      ok: true,
      data: {
        visitor: visitorProfile(
          { visitorId: 'visitor-ada-0001', siteId: AGENT.siteId },
          { name: 'Ada', email: 'ada@example.com', locale: 'en', verified: true, userId: 'customer-4711' },
        ),
        conversations: [],
        tickets: [subject],
      },
    }));
    fireEvent.click(screen.getByTestId('tickets-nav'));
    fireEvent.click(await screen.findByRole('link', { name: 'Verified parcel' }));
    const identity = await screen.findByTestId('ticket-requester-identity');
    expect(screen.getByTestId('ticket-requester-language')).toHaveTextContent(/^English$/);
    expect(identity).toHaveTextContent('Verified');
    expect(within(identity).getByTestId('identity-verified')).toHaveAttribute('title', 'The site signed this identity: user customer-4711');
  });
});

describe('a ticket in a deleted department', () => {
  it('names its department as removed, not as no department', async () => {
    const subject = ticket({ subject: 'Old refund', status: 'open', departmentId: 'dept-gone-00001' });
    const rendered = await renderSignedIn();
    serveTickets(rendered.socket, [subject], [ticketEvent(subject, { seq: 1, kind: 'created', text: 'Refund?' })]);
    fireEvent.click(screen.getByTestId('tickets-nav'));
    fireEvent.click(await screen.findByRole('link', { name: 'Old refund' }));
    const select = (await screen.findByTestId('ticket-department-select')) as HTMLSelectElement;
    expect(select.selectedOptions[0]?.textContent).toBe('Removed department');
  });
});
