import { applyConsoleCss } from '../test-support/console-css';
import { renderSignedIn } from '../test-support/render-console';

beforeEach(() => window.localStorage.clear());

// jsdom lays nothing out: these check the rules that keep "went back to the queue" notices off the
// reply box (they floated over its Send button until dismissed).
describe('the notices strip', () => {
  let removeCss: () => void = () => {};
  afterEach(() => removeCss());

  it('sits in the page under the top bar, so the screen below makes room instead of being covered', async () => {
    await renderSignedIn();
    removeCss = applyConsoleCss();
    const notices = document.querySelector('[data-testid="unanswered-notices"]') as HTMLElement;
    expect(notices.previousElementSibling).toHaveClass('topbar');
    expect(getComputedStyle(notices).position).not.toBe('fixed');
    expect(getComputedStyle(notices).position).not.toBe('absolute');
    expect(getComputedStyle(document.querySelector('.workspace') as HTMLElement).gridTemplateRows).toBe('auto auto 1fr');
  });

  it('scrolls within a quarter of a short window rather than squeezing the chat', async () => {
    await renderSignedIn();
    removeCss = applyConsoleCss('(max-height: 500px)');
    const notices = document.querySelector('[data-testid="unanswered-notices"]') as HTMLElement;
    expect(getComputedStyle(notices).maxHeight).toBe('25vh');
    expect(getComputedStyle(notices).overflowY).toBe('auto');
  });
});
