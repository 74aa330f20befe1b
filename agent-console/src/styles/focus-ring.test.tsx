import { screen } from '@testing-library/preact';
import { applyConsoleCss } from '../test-support/console-css';
import { renderSignedIn } from '../test-support/render-console';

describe('the focus ring', () => {
  let removeCss: () => void = () => {};
  afterEach(() => removeCss());

  it('is a solid 2 px outline in the theme’s focus colour, which forced colours keep, on the current nav link too', async () => {
    await renderSignedIn();
    removeCss = applyConsoleCss();
    const current = screen.getByTestId('chats-nav');
    expect(current).toHaveAttribute('aria-current', 'page');
    current.focus();
    const style = getComputedStyle(current);
    // jsdom keeps the shorthand as written when it holds a var(): the theme's --focus colour.
    expect(style.outline).toBe('2px solid var(--focus)');
    // Inside the link, as the links sit 2 px apart in a nav that scrolls on phones.
    expect(style.outlineOffset).toBe('-2px');
  });
});
