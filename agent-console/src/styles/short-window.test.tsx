import { screen } from '@testing-library/preact';
import { applyConsoleCss } from '../test-support/console-css';
import { conversation, AGENT } from '../test-support/fixtures';
import { openFirstChat } from '../test-support/open-chat';
import { renderSignedIn } from '../test-support/render-console';

beforeEach(() => window.localStorage.clear());

// A 1280 x 800 laptop at 200% zoom is a 640 x 400 window: jsdom lays nothing out, so these check the
// rules that give the transcript its share (the screenshot in the commit message shows the result).
describe('the console in a short window (≤ 500 px high)', () => {
  let removeCss: () => void = () => {};
  afterEach(() => removeCss());

  it('keeps the page from scrolling: a one-row header whose nav and tools scroll within it', async () => {
    await renderSignedIn();
    removeCss = applyConsoleCss('(max-height: 500px)');
    const workspace = document.querySelector('.workspace') as HTMLElement;
    expect(getComputedStyle(workspace).gridTemplateRows).toBe('auto auto minmax(0, 1fr)');
    expect(getComputedStyle(workspace).gridTemplateColumns).toBe('minmax(0, 1fr)');
    expect(getComputedStyle(document.querySelector('.topbar') as HTMLElement).flexWrap).toBe('nowrap');
    const nav = screen.getByTestId('chats-nav').closest('nav') as HTMLElement;
    expect(getComputedStyle(nav).overflowX).toBe('auto');
    expect(getComputedStyle(nav).order).toBe('0');
    const tools = screen.getByTestId('shortcuts-button').parentElement as HTMLElement;
    expect(getComputedStyle(tools).overflowX).toBe('auto');
    expect(getComputedStyle(tools).flexWrap).toBe('nowrap');
  });

  it('gives the transcript at least 40% of the chat, and lets visitor details scroll instead of taking fixed height', async () => {
    const mine = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const { panel } = await openFirstChat({ conversations: [mine] });
    removeCss = applyConsoleCss('(max-height: 500px)');
    const style = (selector: string) => getComputedStyle(panel.querySelector(selector) as HTMLElement);
    expect(getComputedStyle(panel).overflowY).toBe('auto');
    expect(style('.transcript').minHeight).toBe('40%');
    expect(style('.visitor-details').maxHeight).toBe('25vh');
    expect(style('.visitor-details').overflowY).toBe('auto');
    expect(style('.visitor-details').flexShrink).toBe('1');
    expect(style('.visitor-details summary').position).toBe('sticky');
    // The reply box's tools in one row beside it, and a one-line box (it still grows by hand).
    expect(style('.composer__side').display).toBe('flex');
    expect(style('.composer__input').height).toBe('36px');
    // The typing line takes no height while nobody types.
    expect(style('.typing-indicator').minHeight).toBe('0');
  });

  it('keeps only a quarter of the height for the list above the chat in a narrow window', async () => {
    await renderSignedIn();
    removeCss = applyConsoleCss('(max-height: 500px) and (max-width: 760px)');
    const body = document.querySelector('.workspace__body') as HTMLElement;
    expect(getComputedStyle(body).gridTemplateRows).toBe('minmax(0, 25%) minmax(0, 1fr)');
  });
});
