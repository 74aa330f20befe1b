import type { Agent, CannedReply } from '@parley/shared';
import { act, fireEvent, waitFor, within } from '@testing-library/preact';
import { AGENT, conversation } from '../test-support/fixtures';
import { openFirstChat } from '../test-support/open-chat';

beforeEach(() => window.localStorage.clear());

const BILLING = 'dept-billing-0001';
const SALES = 'dept-sales-00001';
const CARL: Agent = { ...AGENT, departmentIds: [BILLING] };

const reply = (shortcut: string, overrides: Partial<CannedReply> = {}): CannedReply => ({
  id: `canned-${shortcut}-0001`,
  siteId: AGENT.siteId,
  shortcut,
  text: `${shortcut} text`,
  departmentId: null,
  ownerAgentId: null,
  ...overrides,
});

async function openChatAs(agent: Agent, replies: CannedReply[]) {
  const mine = conversation({ status: 'assigned', assignedAgentId: agent.id });
  const opened = await openFirstChat({ conversations: [mine], agent });
  opened.socket.handle('canned:list', () => ({ ok: true, data: replies }));
  // The list came before the handler existed: reconnect so it is asked again.
  await act(async () => {
    opened.socket.setConnected(false);
    opened.socket.setConnected(true);
  });
  await waitFor(() => expect(opened.app.live.value?.canned.replies.value).toHaveLength(replies.length));
  const box = within(opened.panel).getByRole('textbox', { name: 'Type your reply' });
  /** The shortcuts offered for what the agent typed. */
  const offered = (typed: string) => {
    fireEvent.input(box, { target: { value: typed } });
    return within(opened.panel)
      .queryAllByRole('option')
      .map((option) => option.textContent);
  };
  return { ...opened, offered };
}

describe('canned replies kept current while signed in', () => {
  it('offers a reply an admin adds, its edit, and no longer one they delete, without a reload', async () => {
    const thanks = reply('thanks');
    const { socket, offered } = await openChatAs(CARL, [thanks]);
    expect(offered('/sh')).toEqual([]);

    const ship = reply('ship', { departmentId: BILLING, text: 'Shipping takes 3-5 business days.' });
    act(() => socket.serverEmit('canned:saved', ship));
    expect(offered('/sh')).toEqual(['/shipShipping takes 3-5 business days.']);

    act(() => socket.serverEmit('canned:saved', { ...ship, text: 'Shipping takes 2 days.' }));
    expect(offered('/sh')).toEqual(['/shipShipping takes 2 days.']);

    act(() => socket.serverEmit('canned:deleted', { id: thanks.id }));
    expect(offered('/th')).toEqual([]);
  });

  it("drops a reply moved to a department the agent is not in, and never takes another department's", async () => {
    const ship = reply('ship', { departmentId: BILLING });
    const { socket, offered } = await openChatAs(CARL, [ship]);

    act(() => socket.serverEmit('canned:saved', reply('sale', { departmentId: SALES })));
    act(() => socket.serverEmit('canned:saved', { ...ship, departmentId: SALES }));
    expect(offered('/s')).toEqual([]);
  });
});
