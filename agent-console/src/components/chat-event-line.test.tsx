import type { ChatEvent, Message } from '@parley/shared';
import { act, within } from '@testing-library/preact';
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
