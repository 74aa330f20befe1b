import { render, screen } from '@testing-library/preact';
import { applyConsoleCss } from '../../../test-support/console-css';
import { NumberField } from './settings-section';

describe('NumberField', () => {
  it('keeps its input at its own height beside a field with a longer hint', () => {
    // jsdom lays nothing out, so this holds the rule itself: a row of fields stretches each to the
    // tallest, and a grid that stretches its rows made "Answer within" 42 px and "Wait limit" 48 px.
    const removeCss = applyConsoleCss();
    render(
      <div class="field-row">
        <NumberField label="Answer within" hint="A long hint that wraps onto two lines" value="30" min={1} max={60} onInput={() => {}} />
        <NumberField label="Wait limit" hint="Short" value="30" min={1} max={60} onInput={() => {}} />
      </div>,
    );
    for (const name of ['Answer within', 'Wait limit']) {
      const field = screen.getByRole('spinbutton', { name }).parentElement as HTMLElement;
      expect(getComputedStyle(field).display).toBe('grid');
      expect(getComputedStyle(field).alignContent).toBe('start');
    }
    removeCss();
  });
});
