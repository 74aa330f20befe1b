import { applyConsoleCss } from '../test-support/console-css';

describe('analytics on a narrow screen', () => {
  let removeCss: () => void = () => {};
  afterEach(() => removeCss());

  it('keeps the page, the report and the charts as wide as the screen, not as wide as their content', () => {
    removeCss = applyConsoleCss();
    const page = document.createElement('main');
    page.className = 'insight';
    page.innerHTML = '<div class="insight-report"><div class="insight-charts"></div></div>';
    document.body.append(page);
    const report = page.querySelector('.insight-report') as HTMLElement;
    const charts = page.querySelector('.insight-charts') as HTMLElement;
    // An implicit column sized by the period buttons and two tiles was wider than a 375 px phone.
    expect(getComputedStyle(page).gridTemplateColumns).toBe('minmax(0, 1fr)');
    expect(getComputedStyle(report).gridTemplateColumns).toBe('minmax(0, 1fr)');
    // Two charts side by side where they fit; one, as wide as the screen, where 380 px do not.
    expect(getComputedStyle(charts).gridTemplateColumns).toBe('repeat(auto-fit, minmax(min(380px, 100%), 1fr))');
    page.remove();
  });
});
