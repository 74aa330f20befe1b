import { screen } from '@testing-library/preact';
import { applyConsoleCss } from '../test-support/console-css';
import { renderSignedIn } from '../test-support/render-console';

describe('the console on a phone (≤ 480 px)', () => {
  let removeCss: () => void = () => {};
  afterEach(() => removeCss());

  it('keeps the page as wide as the screen: the nav and the header tools scroll within themselves', async () => {
    await renderSignedIn();
    removeCss = applyConsoleCss('(max-width: 480px)');
    const workspace = document.querySelector('.workspace') as HTMLElement;
    // A column that may shrink below its content's width, so nothing inside widens the page.
    expect(getComputedStyle(workspace).gridTemplateColumns).toBe('minmax(0, 1fr)');
    const chatsLink = screen.getByTestId('chats-nav');
    const nav = chatsLink.closest('nav') as HTMLElement;
    expect(getComputedStyle(nav).overflowX).toBe('auto');
    expect(getComputedStyle(nav).flexBasis).toBe('100%');
    expect(getComputedStyle(chatsLink).whiteSpace).toBe('nowrap');
    const tools = screen.getByTestId('shortcuts-button').parentElement as HTMLElement;
    expect(getComputedStyle(tools).overflowX).toBe('auto');
    expect(getComputedStyle(tools).flexWrap).toBe('nowrap');
    // Hidden labels inside the scroller are positioned against it, not against the page.
    expect(getComputedStyle(tools).position).toBe('relative');
  });

  it('gives the chat the height under a short list, so the reply box stays on screen', async () => {
    await renderSignedIn();
    removeCss = applyConsoleCss('(max-width: 480px)');
    const body = document.querySelector('.workspace__body') as HTMLElement;
    expect(getComputedStyle(body).gridTemplateRows).toBe('minmax(0, 30%) minmax(0, 1fr)');
    // The chat's header wraps its actions under the visitor's name instead of cutting the name off.
    const header = document.createElement('header');
    header.className = 'chat-panel__header';
    header.innerHTML = '<div class="chat-panel__who"></div>';
    document.body.append(header);
    expect(getComputedStyle(header).flexWrap).toBe('wrap');
    expect(getComputedStyle(header.firstElementChild as Element).flexBasis).toBe('100%');
    header.remove();
  });
});
