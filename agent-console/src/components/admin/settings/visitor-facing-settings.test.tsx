import { fireEvent, screen, within } from '@testing-library/preact';
import { ADMIN, openAdmin } from '../../../test-support/open-admin';

beforeEach(() => window.localStorage.clear());

describe('allowed origins', () => {
  /** Site settings open on the allowed-origins section, its field and the admin API it saves through. */
  async function originsSection() {
    const { admin } = await openAdmin(ADMIN, 'settings');
    const section = within(await screen.findByTestId('settings-origins'));
    return { admin, section, field: section.getByRole('textbox', { name: 'Origins, one per line' }) };
  }

  it('names a bad line whole, as typed on its line, and saves none of them', async () => {
    const { admin, section, field } = await originsSection();

    fireEvent.input(field, { target: { value: 'not a url\nhttp://127.0.0.1:4202/some/path\nhttps://shop.example' } });
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(
      'Not an origin (like https://shop.example): not a url, http://127.0.0.1:4202/some/path',
    );
    fireEvent.click(section.getByRole('button', { name: 'Save' }));
    expect(admin.updateSiteSettings).not.toHaveBeenCalled();
    expect(field).toHaveValue('not a url\nhttp://127.0.0.1:4202/some/path\nhttps://shop.example');
  });

  it('takes one origin per line or a pasted comma-separated list, trimmed and without a trailing slash', async () => {
    const { admin, section, field } = await originsSection();

    fireEvent.input(field, { target: { value: '  https://shop.example/ \r\nhttps://www.shop.example, http://localhost:4202\n\n' } });
    expect(field).toHaveAttribute('aria-invalid', 'false');
    fireEvent.click(section.getByRole('button', { name: 'Save' }));
    expect(admin.updateSiteSettings).toHaveBeenCalledWith({
      allowedOrigins: ['https://shop.example', 'https://www.shop.example', 'http://localhost:4202'],
    });
  });
});
