import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { applyConsoleCss } from '../test-support/console-css';
import { AGENT, conversation } from '../test-support/fixtures';
import { renderSignedIn } from '../test-support/render-console';
import { formatMessageTime } from './time-format';

beforeEach(() => window.localStorage.clear());

const mine = (overrides: Parameters<typeof conversation>[0]) =>
  conversation({ status: 'assigned', assignedAgentId: AGENT.id, ...overrides });

/** Opens each of the agent's chats from the list, as tabs, in order. */
async function openAll(count: number) {
  const items = await screen.findAllByTestId('mine-item');
  expect(items).toHaveLength(count);
  for (const item of items) fireEvent.click(item);
  await waitFor(() => expect(screen.getAllByTestId('chat-tab')).toHaveLength(count));
  return screen.getAllByTestId('chat-tab');
}

describe('chat tabs', () => {
  let removeCss: () => void = () => {};
  const { scrollIntoView } = Element.prototype;
  afterEach(() => {
    removeCss();
    Element.prototype.scrollIntoView = scrollIntoView;
  });

  it('keeps many tabs within the chats column: the strip scrolls, the chat stays as wide as its column', async () => {
    const scrolled: Element[] = [];
    Element.prototype.scrollIntoView = function (this: Element) {
      scrolled.push(this);
    };
    const names = ['Vera Visitor', 'Alexander Longname-Smithson', 'Maria Fernanda Gonzalez', 'Pyotr Ilyich', 'Jean-Baptiste Dupont', 'Fatima Al-Zahra'];
    await renderSignedIn({ conversations: names.map((visitorName) => mine({ visitorName })) });
    const tabs = await openAll(names.length);
    removeCss = applyConsoleCss();

    const style = (selector: string) => getComputedStyle(document.querySelector(selector) as Element);
    // Columns that may be narrower than their content (jsdom lays nothing out; Chromium showed the
    // chat 809 px wide in a 500 px column, and the page scrolling sideways, without these).
    expect(style('.workspace__body').gridTemplateColumns).toMatch(/ minmax\(0, 1fr\)$/);
    expect(style('.chat-area').gridTemplateColumns).toBe('minmax(0, 1fr)');
    expect(style('.chat-area__panels').gridTemplateColumns).toBe('minmax(0, 1fr)');
    const strip = screen.getByRole('tablist', { name: 'Open chats' });
    expect(getComputedStyle(strip).overflowX).toBe('auto');
    expect(getComputedStyle(strip).minWidth).toMatch(/^0(px)?$/);
    // The chosen chat's tab is scrolled into the strip's view.
    const active = tabs.find((tab) => tab.getAttribute('aria-selected') === 'true');
    expect(scrolled.at(-1)).toBe(active);
    fireEvent.click(tabs[0] as HTMLElement);
    await waitFor(() => expect(scrolled.at(-1)).toBe(tabs[0]));
  });

  it('tells apart two chats of the same visitor by when each began; a name of its own stays alone', async () => {
    const vera = { visitorId: 'visit-vera-0001', visitorName: 'Vera Visitor' };
    const morning = mine({ ...vera, createdAt: '2030-01-02T09:15:00.000Z' });
    const afternoon = mine({ ...vera, createdAt: '2030-01-02T14:40:00.000Z' });
    const other = mine({ visitorName: 'Pyotr Ilyich' });
    await renderSignedIn({ conversations: [morning, afternoon, other] });
    const tabs = await openAll(3);

    const textOf = (id: string) => tabs.find((tab) => tab.dataset.conversationId === id)?.textContent;
    expect(textOf(morning.id)).toBe(`Vera Visitor started ${formatMessageTime(morning.createdAt, 'en')}`);
    expect(textOf(afternoon.id)).toBe(`Vera Visitor started ${formatMessageTime(afternoon.createdAt, 'en')}`);
    expect(textOf(morning.id)).not.toBe(textOf(afternoon.id));
    expect(textOf(other.id)).toBe('Pyotr Ilyich');
  });

  it('adds the end of the chat id when the same visitor began both chats in the same minute', async () => {
    const vera = { visitorId: 'visit-vera-0002', visitorName: 'Vera Visitor', createdAt: '2030-01-02T09:15:00.000Z' };
    const first = mine({ ...vera, id: 'conv-first-0a01' });
    const second = mine({ ...vera, id: 'conv-secnd-0b02' });
    await renderSignedIn({ conversations: [first, second] });
    const tabs = await openAll(2);
    const started = `Vera Visitor started ${formatMessageTime(vera.createdAt, 'en')}`;
    expect(tabs.map((tab) => tab.textContent)).toEqual([`${started} · #0a01`, `${started} · #0b02`]);
  });
});

describe('closing a chat', () => {
  it('moves focus to the tab of the chat now in front, and to the list when none is left', async () => {
    await renderSignedIn({ conversations: [mine({ visitorName: 'Anna' }), mine({ visitorName: 'Boris' })] });
    await openAll(2);
    const closeButton = (name: string) => screen.getByRole('button', { name: `Close the chat with ${name}` });

    closeButton('Boris').focus();
    fireEvent.click(closeButton('Boris'));
    await waitFor(() => expect(screen.getAllByTestId('chat-tab')).toHaveLength(1));
    expect(screen.getByRole('tab', { name: 'Anna' })).toHaveFocus();

    fireEvent.click(closeButton('Anna'));
    await waitFor(() => expect(screen.queryByTestId('chat-panel')).toBeNull());
    const annaInList = screen.getAllByTestId('mine-item').find((item) => item.textContent?.includes('Anna'));
    expect(annaInList).toHaveFocus();
  });
});
