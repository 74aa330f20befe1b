import { screen } from '@testing-library/preact';
import { applyConsoleCss } from '../test-support/console-css';
import { AGENT, conversation } from '../test-support/fixtures';
import { openFirstChat } from '../test-support/open-chat';

beforeEach(() => window.localStorage.clear());

// jsdom lays nothing out: these check the rules that keep a 120-character name from widening the
// chat tab strip and the notices beyond the window (QA measured a 1,046 px tab and off-screen Close buttons).
describe('a visitor with a very long name', () => {
  let removeCss: () => void = () => {};
  afterEach(() => removeCss());

  it('has their tab cut with an ellipsis, the whole name in its tooltip and accessible name', async () => {
    const name = 'Z'.repeat(120);
    await openFirstChat({ conversations: [conversation({ status: 'assigned', assignedAgentId: AGENT.id, visitorName: name })] });
    removeCss = applyConsoleCss();
    const [tab] = await screen.findAllByTestId('chat-tab');
    const shown = tab?.querySelector('.chat-tab__name') as HTMLElement;
    expect(shown).toHaveAttribute('title', name);
    expect(tab).toHaveAccessibleName(expect.stringContaining(name));
    expect(getComputedStyle(shown).textOverflow).toBe('ellipsis');
    expect(getComputedStyle(shown).overflow).toBe('hidden');
    expect(getComputedStyle(shown).maxWidth).toBe('16em');
  });

  it('does not widen a notice past its column: long words wrap anywhere', () => {
    removeCss = applyConsoleCss();
    const notices = document.createElement('div');
    notices.className = 'notices';
    notices.innerHTML = `<p class="notice">The chat with ${'Z'.repeat(120)} went back to the queue.</p>`;
    document.body.append(notices);
    const notice = notices.firstElementChild as HTMLElement;
    expect(getComputedStyle(notice).minWidth).toBe('0');
    expect(getComputedStyle(notice).overflowWrap).toBe('anywhere');
    notices.remove();
  });
});
