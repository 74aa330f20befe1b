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

describe('the Chats screen’s hidden heading', () => {
  let removeCss: () => void = () => {};
  afterEach(() => removeCss());

  // jsdom does not tell keyboard focus from a click (:focus-visible never matches a heading there): this
  // checks the rule the heading falls under; Chromium shows it as a "Chats" label in its ring.
  it('shows itself while it holds keyboard focus, so arriving on Chats by keyboard does not make focus vanish', async () => {
    await renderSignedIn();
    removeCss = applyConsoleCss();
    const heading = screen.getByRole('heading', { level: 1, name: 'Chats' });
    expect(getComputedStyle(heading).clipPath).toBe('inset(50%)');
    const rules = [...document.styleSheets].flatMap((sheet) => [...sheet.cssRules]) as CSSStyleRule[];
    const withoutFocus = (rule: CSSStyleRule) => (rule.selectorText ?? '').replace(/:focus-visible/g, '').trim();
    const shown = rules.find(
      (rule) => rule.selectorText?.includes(':focus-visible') && withoutFocus(rule) !== '' && heading.matches(withoutFocus(rule)) && rule.style.getPropertyValue('clip-path') !== '',
    );
    expect(shown?.style.getPropertyValue('clip-path')).toBe('none');
    expect(shown?.style.getPropertyValue('width')).toBe('auto');
  });
});
