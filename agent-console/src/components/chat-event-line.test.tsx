import type { ChatEvent, Message } from '@parley/shared';
import { act, fireEvent, screen, within } from '@testing-library/preact';
import { AGENT, conversation, visitorMessage } from '../test-support/fixtures';
import { openFirstChat } from '../test-support/open-chat';
import { formatMessageTime } from './time-format';

beforeEach(() => window.localStorage.clear());

const at = '2030-01-02T10:03:00.000Z';
const chat = conversation({ visitorName: 'Maria', status: 'assigned', assignedAgentId: AGENT.id, lastSeq: 5 });
const systemLine = (seq: number, event: ChatEvent | undefined, text: string): Message =>
  visitorMessage(chat, { seq, author: { kind: 'system' }, text, createdAt: at, ...(event ? { event } : {}) });
const messages: Message[] = [
  visitorMessage(chat, { seq: 1, text: 'Where is my parcel?' }),
  systemLine(2, { type: 'transferred', from: 'Bob', to: 'Ana' }, 'ENGLISH: Bob transferred the chat to Ana.'),
  systemLine(3, { type: 'invited', by: 'Ana', agent: 'Carla «Support»' }, 'ENGLISH: Ana invited Carla.'),
  systemLine(4, { type: 'requeued', from: 'Ana', department: 'Billing' }, 'ENGLISH: Ana sent it back.'),
  systemLine(5, undefined, 'The visitor left the page.'),
];

const lines = (panel: HTMLElement) => within(panel).getAllByTestId('message');

describe('system lines in a chat', () => {
  it('word transfers, invitations and requeues in the agent’s language, with their time, not as bubbles', async () => {
    const { panel, app } = await openFirstChat({ conversations: [chat], messages });
    await within(panel).findAllByTestId('message');
    const time = formatMessageTime(at, 'en');
    expect(lines(panel).map((line) => line.textContent)).toEqual([
      expect.stringContaining('Where is my parcel?'),
      `Bob transferred the chat to Ana${time}`,
      `Ana invited Carla «Support» to the chat${time}`,
      `Ana sent the chat back to the Billing queue${time}`,
      // Without an event, a system message reads as before: its author and its text.
      expect.stringMatching(/^Parley.*The visitor left the page\.$/),
    ]);
    const [, transferred] = lines(panel);
    expect(transferred).toHaveAttribute('data-event', 'transferred');
    expect(within(transferred as HTMLElement).getByText(time)).toHaveAttribute('dateTime', at);
    // The English `text` is for API consumers; no receipt either: the visitor was not sent anything.
    expect(panel).not.toHaveTextContent('ENGLISH');
    expect(within(panel).queryAllByTestId('message-receipt')).toHaveLength(0);

    await act(() => app.translator.setLanguage('ru'));
    const ruTime = formatMessageTime(at, 'ru');
    expect(lines(panel).slice(1, 4).map((line) => line.textContent)).toEqual([
      `Чат передан: Bob → Ana${ruTime}`,
      `Приглашение в чат: Ana → Carla «Support»${ruTime}`,
      `Чат возвращён в очередь: Ana → Billing${ruTime}`,
    ]);
    expect(panel).not.toHaveTextContent('ENGLISH');
  });
});

describe('a chat that went back to the queue unanswered', () => {
  const waiting = conversation({ visitorName: 'Maria', status: 'queued', assignedAgentId: null, lastSeq: 2 });
  const unanswered = (agent: { id: string; name: string }, seq: number): Message =>
    visitorMessage(waiting, {
      seq, author: { kind: 'system' }, internal: true, createdAt: at, text: `ENGLISH: Back in the queue: ${agent.name}`,
      event: { type: 'unanswered', agent: agent.name, agentId: agent.id, seconds: 120 },
    });

  it('says so in the history, and tells the agent who lost it with a notice they can dismiss', async () => {
    const { panel, socket, app } = await openFirstChat({ conversations: [waiting], messages: [visitorMessage(waiting, { seq: 1, text: 'Hello?' })] });
    await within(panel).findAllByTestId('message');
    expect(screen.queryByTestId('unanswered-notice')).toBeNull();

    const mine = unanswered(AGENT, 2);
    act(() => socket.serverEmit('message:new', mine));
    const line = await within(panel).findByText('Back in the queue: Ana did not answer within 2 minutes');
    expect(line.closest('[data-testid="message"]')).toHaveAttribute('data-event', 'unanswered');
    const notice = await screen.findByTestId('unanswered-notice');
    expect(notice).toHaveTextContent('The chat with Maria went back to the queue: you did not answer within 2 minutes.');
    expect(screen.getByTestId('unanswered-notices')).toHaveAttribute('role', 'status');

    // The same line again (a second tab's echo) is one notice; a colleague's is none of theirs.
    act(() => socket.serverEmit('message:new', mine));
    act(() => socket.serverEmit('message:new', unanswered({ id: 'agent-bea-00001', name: 'Bea' }, 3)));
    expect(screen.getAllByTestId('unanswered-notice')).toHaveLength(1);

    await act(() => app.translator.setLanguage('de'));
    expect(within(panel).getByText('Zurück in der Warteschlange: Ana hat nicht innerhalb von 2 Minuten geantwortet')).toBeInTheDocument();
    fireEvent.click(within(screen.getByTestId('unanswered-notice')).getByRole('button', { name: 'Schließen' }));
    expect(screen.queryByTestId('unanswered-notice')).toBeNull();
  });
});
