import * as fs from 'node:fs';
import * as path from 'node:path';
import { act, fireEvent, screen, within } from '@testing-library/preact';
import { LANGUAGES, type Language } from '../../../i18n/languages';
import { applyConsoleCss } from '../../../test-support/console-css';
import { ADMIN, openAdmin } from '../../../test-support/open-admin';

beforeEach(() => window.localStorage.clear());

const widgetSection = async () => within(await screen.findByTestId('settings-widget'));

type Tree = { [key: string]: string | Tree };
const locale = (language: string, namespace: string): Tree =>
  JSON.parse(
    fs.readFileSync(path.join(__dirname, '../../../../../shared/locales', language, `${namespace}.json`), 'utf8'),
  ) as Tree;

describe('widget appearance', () => {
  it('says how to write a colour it refuses, and keeps the swatch on the last good colour', async () => {
    const { admin } = await openAdmin(ADMIN, 'settings');
    const widget = await widgetSection();
    const code = widget.getByTestId('widget-color');
    const swatch = widget.getAllByLabelText('Accent colour').find((input) => input.getAttribute('type') === 'color');
    fireEvent.input(code, { target: { value: '#12345f' } });
    expect(swatch).toHaveValue('#12345f');
    expect(code).not.toHaveAccessibleDescription();

    fireEvent.input(code, { target: { value: '#12345g' } });
    expect(code).toHaveAttribute('aria-invalid', 'true');
    expect(code).toHaveAccessibleDescription('Enter a colour as #rrggbb, for example #1d3a8a.');
    expect(widget.getByText('Enter a colour as #rrggbb, for example #1d3a8a.')).toBeVisible();
    expect(swatch).toHaveValue('#12345f');
    fireEvent.click(widget.getByRole('button', { name: 'Save' }));
    expect(admin.updateSiteSettings).not.toHaveBeenCalled();

    fireEvent.input(code, { target: { value: '#123456' } });
    expect(widget.queryByText('Enter a colour as #rrggbb, for example #1d3a8a.')).toBeNull();
    expect(swatch).toHaveValue('#123456');
  });

  it('says the colour problem in the console’s language', async () => {
    const { app } = await openAdmin(ADMIN, 'settings');
    await act(() => app.translator.setLanguage('de'));
    const widget = await widgetSection();
    fireEvent.input(widget.getByTestId('widget-color'), { target: { value: '#12345g' } });
    expect(widget.getByTestId('widget-color')).toHaveAccessibleDescription(
      'Geben Sie eine Farbe als #rrggbb ein, zum Beispiel #1d3a8a.',
    );
  });

  it('previews the greeting visitors will see: the one typed, or the widget’s own when it is empty', async () => {
    const { app } = await openAdmin(ADMIN, 'settings');
    const widget = await widgetSection();
    const preview = widget.getByTestId('widget-preview');
    const greeting = widget.getByRole('textbox', { name: 'Greeting' });
    expect(greeting).toHaveValue('');
    // The widget's words with no greeting set (widget.json "empty"), also as the field's placeholder.
    expect(preview).toHaveTextContent("Hi! Ask us anything — we're here to help.");
    expect(preview).toHaveTextContent('Chat with us');
    expect(greeting).toHaveAttribute('placeholder', "Hi! Ask us anything — we're here to help.");

    fireEvent.input(greeting, { target: { value: 'Welcome to Acme!' } });
    expect(preview).toHaveTextContent('Welcome to Acme!');
    expect(preview).not.toHaveTextContent('Ask us anything');

    fireEvent.input(greeting, { target: { value: '' } });
    await act(() => app.translator.setLanguage('de'));
    expect(screen.getByTestId('widget-preview')).toHaveTextContent(
      'Hallo! Fragen Sie uns, was Sie möchten – wir helfen gern.',
    );
  });

  it.each(Object.keys(LANGUAGES) as Language[])(
    'previews the widget’s own default title and greeting in %s',
    (language) => {
      const widget = locale(language, 'widget');
      const settings = ((locale(language, 'console').settings as Tree).widget as Tree);
      expect({ title: settings.defaultTitle, greeting: settings.defaultGreeting }).toEqual({
        title: widget.title,
        greeting: widget.empty,
      });
    },
  );
});

describe('widget preview', () => {
  const channel = (hex: string, at: number) => parseInt(hex.slice(at, at + 2), 16) / 255;
  const luminance = (rgb: number[]) =>
    rgb
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((sum, c, i) => sum + c * ([0.2126, 0.7152, 0.0722][i] ?? 0), 0);

  it('writes the fake composer text at 4.5:1 or more on the default panel', async () => {
    const removeCss = applyConsoleCss();
    try {
      await openAdmin(ADMIN, 'settings');
      const sample = (await widgetSection()).getByText('Type your message');
      const style = getComputedStyle(sample);
      // jsdom resolves neither opacity over a background nor color-mix(), so both are worked out here.
      const opacity = Number(style.opacity || '1');
      const mix = /color-mix\(in srgb, var\(--preview-text\) (\d+)%, var\(--preview-bg\)\)/.exec(style.color);
      const share = (mix ? Number(mix[1]) / 100 : 1) * opacity;
      const text = [1, 3, 5].map((at) => share * channel('#1f2933', at) + (1 - share));
      expect(1.05 / (luminance(text) + 0.05)).toBeGreaterThanOrEqual(4.5);
    } finally {
      removeCss();
    }
  });
});
