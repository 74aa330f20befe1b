import * as fs from 'node:fs';
import * as path from 'node:path';
import { act, fireEvent, screen, within } from '@testing-library/preact';
import { LANGUAGES, type Language } from '../../../i18n/languages';
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
