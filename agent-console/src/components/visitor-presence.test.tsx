import { act, within } from '@testing-library/preact';
import { AGENT, conversation } from '../test-support/fixtures';
import { openFirstChat } from '../test-support/open-chat';

beforeEach(() => window.localStorage.clear());

describe("the visitor's presence", () => {
  it('shows in the chat and its list entry when the visitor leaves the site, and again when they come back', async () => {
    const mine = conversation({ visitorName: 'Maria', status: 'assigned', assignedAgentId: AGENT.id });
    const { socket, panel } = await openFirstChat({ conversations: [mine] });
    const presence = within(panel).getByTestId('visitor-presence');
    expect(presence).toHaveTextContent('On the site');
    expect(presence).toHaveAttribute('data-left', 'false');
    const entry = document.querySelector(`[data-testid="mine-item"][data-conversation-id="${mine.id}"]`) as HTMLElement;
    expect(within(entry).queryByTestId('visitor-left')).toBeNull();

    const leftAt = new Date();
    leftAt.setHours(14, 32, 0, 0);
    act(() => socket.serverEmit('conversation:updated', { ...mine, visitorLeftAt: leftAt.toISOString() }));
    expect(within(panel).getByTestId('visitor-presence')).toHaveTextContent('Left the site at 2:32 PM');
    expect(within(panel).getByTestId('visitor-presence')).toHaveAttribute('data-left', 'true');
    expect(within(entry).getByTestId('visitor-left')).toHaveTextContent('Left the site');

    act(() => socket.serverEmit('conversation:updated', { ...mine, visitorLeftAt: null }));
    expect(within(panel).getByTestId('visitor-presence')).toHaveTextContent('On the site');
    expect(within(entry).queryByTestId('visitor-left')).toBeNull();
  });

  it('is no longer claimed once the chat is resolved', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id, visitorLeftAt: '2030-01-02T10:00:00.000Z' });
    const { socket, panel } = await openFirstChat({ conversations: [mine] });
    expect(within(panel).getByTestId('visitor-presence')).toHaveAttribute('data-left', 'true');
    act(() => socket.serverEmit('conversation:updated', { ...mine, status: 'resolved', resolvedAt: '2030-01-02T10:05:00.000Z' }));
    expect(within(panel).queryByTestId('visitor-presence')).toBeNull();
  });
});
