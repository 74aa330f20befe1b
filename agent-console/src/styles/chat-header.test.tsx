import { applyConsoleCss } from '../test-support/console-css';

describe("a chat's header in a narrow column (side by side)", () => {
  let removeCss: () => void = () => {};
  afterEach(() => removeCss());

  it("wraps the actions under the visitor's name instead of squeezing the name to nothing", () => {
    removeCss = applyConsoleCss();
    const header = document.createElement('header');
    header.className = 'chat-panel__header';
    header.innerHTML = '<div class="chat-panel__who"></div><div class="chat-panel__actions"></div>';
    document.body.append(header);
    const [who, actions] = [...header.children] as HTMLElement[];
    expect(getComputedStyle(header).flexWrap).toBe('wrap');
    // The name keeps a width of its own; the actions move to the next row when both cannot fit.
    expect(getComputedStyle(who as HTMLElement).flexBasis).toBe('12rem');
    expect(getComputedStyle(actions as HTMLElement).flexWrap).toBe('wrap');
    header.remove();
  });
});
