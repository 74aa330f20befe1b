import type { CannedReply } from '@parley/shared';
import { act, fireEvent, waitFor, within } from '@testing-library/preact';
import { AGENT, conversation } from '../test-support/fixtures';
import { openFirstChat } from '../test-support/open-chat';

beforeEach(() => window.localStorage.clear());

const reply = (shortcut: string, text: string): CannedReply => ({
  id: `canned-${shortcut}-0001`,
  siteId: AGENT.siteId,
  shortcut,
  text,
  departmentId: null,
  ownerAgentId: null,
});

describe('composer', () => {
  it('offers canned replies after a slash and puts the chosen one in the box', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const { socket, panel, app } = await openFirstChat({ conversations: [mine] });
    socket.handle('canned:list', () => ({
      ok: true,
      data: [
        reply('hello', 'Hello! How can I help?'),
        reply('help', 'Here is our help centre.'),
        reply('bye', 'Goodbye!'),
      ],
    }));
    // The list came before the handler existed: reconnect so it is asked again.
    await act(async () => {
      socket.setConnected(false);
      socket.setConnected(true);
    });
    await waitFor(() => expect(app.live.value?.canned.replies.value).toHaveLength(3));

    const box = within(panel).getByRole('textbox', { name: 'Type your reply' });
    fireEvent.input(box, { target: { value: '/he' } });
    const options = within(panel).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      '/helpHere is our help centre.',
      '/helloHello! How can I help?',
    ]);
    expect(within(options[0] as HTMLElement).getByText('/help')).toHaveAttribute('dir', 'ltr');

    fireEvent.keyDown(box, { key: 'ArrowDown' });
    fireEvent.keyDown(box, { key: 'Enter' });

    expect(box).toHaveValue('Hello! How can I help?');
    expect(within(panel).queryByRole('listbox')).toBeNull();
    expect(socket.emitsOf('message:send')).toHaveLength(0); // picking is not sending
  });

  it('makes the reply box a combobox over the suggestions, so the highlighted reply is announced', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const { socket, panel, app } = await openFirstChat({ conversations: [mine] });
    socket.handle('canned:list', () => ({
      ok: true,
      data: [reply('hello', 'Hello! How can I help?'), reply('help', 'Here is our help centre.')],
    }));
    await act(async () => {
      socket.setConnected(false);
      socket.setConnected(true);
    });
    await waitFor(() => expect(app.live.value?.canned.replies.value).toHaveLength(2));

    const box = within(panel).getByRole('textbox', { name: 'Type your reply' });
    expect(box).not.toHaveAttribute('aria-expanded');
    fireEvent.input(box, { target: { value: '/he' } });

    expect(within(panel).getByRole('combobox', { name: 'Type your reply' })).toBe(box);
    const list = within(panel).getByRole('listbox');
    const options = within(list).getAllByRole('option');
    expect(box).toHaveAttribute('aria-expanded', 'true');
    expect(box).toHaveAttribute('aria-autocomplete', 'list');
    expect(box).toHaveAttribute('aria-controls', list.id);
    expect(box).toHaveAttribute('aria-activedescendant', options[0]?.id);

    fireEvent.keyDown(box, { key: 'ArrowDown' });
    expect(box).toHaveAttribute('aria-activedescendant', options[1]?.id);
    expect(options[1]).toHaveAttribute('aria-selected', 'true');

    fireEvent.keyDown(box, { key: 'Escape' });
    expect(within(panel).queryByRole('listbox')).toBeNull();
    expect(box).toHaveAttribute('aria-expanded', 'false');
    expect(box).not.toHaveAttribute('aria-activedescendant');

    fireEvent.input(box, { target: { value: 'Hello' } });
    expect(within(panel).getByRole('textbox', { name: 'Type your reply' })).toBe(box);
  });

  it('sends an internal note without telling the visitor someone is typing', async () => {
    const theirs = conversation({ status: 'assigned', assignedAgentId: 'agent-bob-00001' });
    const { socket, panel } = await openFirstChat({ conversations: [theirs] });
    const box = within(panel).getByRole('textbox', { name: 'Type your reply' });
    expect(box).toBeDisabled(); // a colleague's chat: no replies to the visitor…

    fireEvent.click(within(panel).getByRole('checkbox', { name: 'Internal note' }));
    expect(box).toBeEnabled(); // …but notes are fine
    fireEvent.input(box, { target: { value: 'Customer is a VIP' } });
    fireEvent.keyDown(box, { key: 'Enter' });

    expect(socket.emitsOf('message:send')).toEqual([
      { conversationId: theirs.id, clientId: expect.any(String), text: 'Customer is a VIP', internal: true },
    ]);
    expect(socket.emitsOf('typing:set')).toEqual([]);
  });
});
