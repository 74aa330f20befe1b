import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { ApiError } from '../../api/api-error';
import { AGENT } from '../../test-support/fixtures';
import { openAdmin, ADMIN } from '../../test-support/open-admin';

beforeEach(() => window.localStorage.clear());

const section = async (id: string) => within(await screen.findByTestId(`settings-${id}`));

describe('site settings', () => {
  it('saves routing as its own patch and says it is saved', async () => {
    const { admin } = await openAdmin(ADMIN, 'settings');
    const routing = await section('routing');

    fireEvent.click(routing.getByRole('radio', { name: /Agents pick/ }));
    fireEvent.input(routing.getByRole('spinbutton', { name: 'Wait limit (seconds)' }), {
      target: { value: '600' },
    });
    fireEvent.click(routing.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(routing.getByRole('status')).toHaveTextContent('Saved.'));
    expect(admin.updateSiteSettings).toHaveBeenCalledWith({
      routingMode: 'pick',
      assignTimeoutSeconds: 120,
      waitLimitSeconds: 600,
      defaultDepartmentId: null,
    });
  });

  it('renames the site (trimmed) and heads the page with the new name; an empty name is refused with a reason', async () => {
    const { admin } = await openAdmin(ADMIN, 'settings');
    const site = await section('site');
    const field = site.getByRole('textbox', { name: 'Site name' });
    expect(field).toHaveValue('Demo shop');

    fireEvent.input(field, { target: { value: '   ' } });
    fireEvent.click(site.getByRole('button', { name: 'Save' }));
    expect(site.getByRole('alert')).toHaveTextContent("Enter the site's name.");
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(admin.updateSite).not.toHaveBeenCalled();

    fireEvent.input(field, { target: { value: '  Acme Shoes ' } });
    fireEvent.click(site.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(site.getByRole('status')).toHaveTextContent('Saved.'));
    expect(admin.updateSite).toHaveBeenCalledWith({ name: 'Acme Shoes' });
    expect(admin.updateSiteSettings).not.toHaveBeenCalled();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Acme Shoes');
    expect(site.queryByRole('alert')).toBeNull();
  });

  it('requires two-step sign-in for every agent from its own section', async () => {
    const { admin } = await openAdmin(ADMIN, 'settings');
    const security = await section('security');
    const box = security.getByRole('checkbox', { name: /Require two-step sign-in for every agent/ });
    expect(box).not.toBeChecked();
    fireEvent.click(box);
    fireEvent.click(security.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(security.getByRole('status')).toHaveTextContent('Saved.'));
    expect(admin.updateSiteSettings).toHaveBeenCalledWith({ requireTwoFactor: true });
  });

  it('does not send a number out of bounds, and shows the server’s reasons', async () => {
    const { admin } = await openAdmin(ADMIN, 'settings');
    const routing = await section('routing');
    const wait = routing.getByRole('spinbutton', { name: 'Wait limit (seconds)' });
    fireEvent.input(wait, { target: { value: '5' } });
    expect(wait).toHaveAttribute('aria-invalid', 'true');
    fireEvent.submit(wait.closest('form') as HTMLFormElement);
    expect(admin.updateSiteSettings).not.toHaveBeenCalled();

    admin.updateSiteSettings.mockRejectedValueOnce(
      new ApiError({
        code: 'VALIDATION_FAILED',
        message: 'bad',
        issues: [{ path: 'waitLimitSeconds', message: 'Too small' }],
      }),
    );
    fireEvent.input(wait, { target: { value: '60' } });
    fireEvent.click(routing.getByRole('button', { name: 'Save' }));
    const alert = await routing.findByRole('alert');
    expect(alert).toHaveTextContent('Please check the fields and try again.');
    expect(alert).toHaveTextContent('waitLimitSeconds Too small');
  });

  it('edits opening hours: a time zone, a day off, late hours, a holiday', async () => {
    const { admin } = await openAdmin(ADMIN, 'settings');
    const hours = await section('hours');
    fireEvent.click(hours.getByRole('checkbox', { name: 'Always open' }));
    fireEvent.change(hours.getByRole('combobox', { name: 'Time zone' }), {
      target: { value: 'Europe/Minsk' },
    });
    fireEvent.click(hours.getByRole('button', { name: 'Remove these hours of Wednesday' }));
    fireEvent.input(hours.getByLabelText('Friday: closes at'), { target: { value: '00:00' } });
    fireEvent.click(hours.getByRole('button', { name: 'Add hours on Saturday' }));
    fireEvent.input(hours.getByLabelText('Holiday date'), { target: { value: '2030-12-25' } });
    fireEvent.click(hours.getByRole('button', { name: 'Add holiday' }));
    fireEvent.click(hours.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(admin.updateSiteSettings).toHaveBeenCalledTimes(1));
    expect(admin.updateSiteSettings).toHaveBeenCalledWith({
      openingHours: {
        timeZone: 'Europe/Minsk',
        week: {
          mon: [{ from: '09:00', to: '17:00' }],
          tue: [{ from: '09:00', to: '17:00' }],
          wed: [],
          thu: [{ from: '09:00', to: '17:00' }],
          fri: [{ from: '09:00', to: '24:00' }],
          sat: [{ from: '09:00', to: '17:00' }],
          sun: [],
        },
        holidays: ['2030-12-25'],
      },
    });
  });

  it('refuses hours that end before they start', async () => {
    const { admin } = await openAdmin(ADMIN, 'settings');
    const hours = await section('hours');
    fireEvent.click(hours.getByRole('checkbox', { name: 'Always open' }));
    fireEvent.input(hours.getByLabelText('Monday: closes at'), { target: { value: '08:00' } });
    expect(hours.getByRole('alert')).toHaveTextContent('Each range must start before it ends.');
    fireEvent.click(hours.getByRole('button', { name: 'Save' }));
    expect(admin.updateSiteSettings).not.toHaveBeenCalled();
  });

  it('changes one SLA target and sends the whole table', async () => {
    const { admin } = await openAdmin(ADMIN, 'settings');
    const sla = await section('sla');
    const cell = sla.getByRole('spinbutton', { name: 'Tier 2, Urgent: First response (minutes)' });
    expect(cell).toHaveValue(60);
    fireEvent.input(cell, { target: { value: '45' } });
    expect(cell.parentElement).toHaveTextContent('45m');
    fireEvent.click(sla.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(admin.updateSiteSettings).toHaveBeenCalledTimes(1));
    const [patch] = admin.updateSiteSettings.mock.calls[0] ?? [];
    expect(patch?.sla?.['2']?.urgent).toEqual({ firstResponseMinutes: 45, resolutionMinutes: 480 });
    expect(patch?.sla?.['1']?.low).toEqual({ firstResponseMinutes: 480, resolutionMinutes: 2880 });
  });

  it('refuses a resolution target shorter than the first response, saying so by the resolution field', async () => {
    const { admin } = await openAdmin(ADMIN, 'settings');
    const sla = await section('sla');
    fireEvent.input(sla.getByRole('spinbutton', { name: 'Tier 1, Normal: First response (minutes)' }), { target: { value: '2000' } });
    const resolution = sla.getByRole('spinbutton', { name: 'Tier 1, Normal: Resolution (minutes)' });
    fireEvent.input(resolution, { target: { value: '60' } });
    expect(resolution).toHaveAttribute('aria-invalid', 'true');
    expect(resolution).toHaveAccessibleDescription('Resolution cannot come before the first response.');
    fireEvent.click(sla.getByRole('button', { name: 'Save' }));
    expect(sla.getByRole('status')).not.toHaveTextContent('Saved.');
    expect(admin.updateSiteSettings).not.toHaveBeenCalled();

    fireEvent.input(resolution, { target: { value: '2000' } });
    expect(sla.queryByRole('alert')).toBeNull();
    fireEvent.click(sla.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(sla.getByRole('status')).toHaveTextContent('Saved.'));
  });

  it('previews the widget as it is edited, then saves its looks', async () => {
    const { admin } = await openAdmin(ADMIN, 'settings');
    const widget = await section('widget');
    const preview = widget.getByTestId('widget-preview');
    fireEvent.input(widget.getByTestId('widget-color'), { target: { value: '#f5d142' } });
    fireEvent.input(widget.getByRole('textbox', { name: 'Title' }), { target: { value: 'Ask Nora' } });
    fireEvent.change(widget.getByRole('combobox', { name: 'Position' }), {
      target: { value: 'bottom-left' },
    });

    expect(preview.style.getPropertyValue('--preview-accent')).toBe('#f5d142');
    // Hex codes read left to right also in an Arabic console ('ffffff#' otherwise).
    expect(widget.getByTestId('widget-color')).toHaveAttribute('dir', 'ltr');
    // A pale accent gets dark text, as in the widget.
    expect(preview.style.getPropertyValue('--preview-accent-text')).toBe('#1f2933');
    expect(preview).toHaveClass('widget-preview--bottom-left');
    expect(preview).toHaveTextContent('Ask Nora');

    fireEvent.input(widget.getByTestId('widget-background'), { target: { value: 'white' } });
    fireEvent.click(widget.getByRole('button', { name: 'Save' }));
    expect(admin.updateSiteSettings).not.toHaveBeenCalled();
    fireEvent.input(widget.getByTestId('widget-background'), { target: { value: '#fafafa' } });
    fireEvent.click(widget.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(admin.updateSiteSettings).toHaveBeenCalledTimes(1));
    expect(admin.updateSiteSettings.mock.calls[0]?.[0].widget).toMatchObject({
      color: '#f5d142',
      title: 'Ask Nora',
      position: 'bottom-left',
      panelBackground: '#fafafa',
    });
  });

  it('saves the pre-chat form, the contact card and the allowed origins', async () => {
    const { admin } = await openAdmin(ADMIN, 'settings');
    const prechat = await section('prechat');
    fireEvent.change(prechat.getByRole('combobox', { name: 'E-mail' }), { target: { value: 'required' } });
    fireEvent.click(prechat.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(admin.updateSiteSettings).toHaveBeenLastCalledWith({
        prechat: { name: 'optional', email: 'required', department: 'off' },
      }),
    );

    const contact = await section('contact');
    fireEvent.input(contact.getByRole('textbox', { name: 'Phone' }), {
      target: { value: '+375 17 000 00 00' },
    });
    fireEvent.click(contact.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(admin.updateSiteSettings).toHaveBeenLastCalledWith({
        contact: { phone: '+375 17 000 00 00', email: '', hoursNote: '' },
      }),
    );

    // An address the server would refuse says why by the field, and nothing is sent.
    const email = contact.getByRole('textbox', { name: 'E-mail' });
    fireEvent.input(email, { target: { value: 'help@acme' } });
    expect(email).toHaveAccessibleDescription('Not a full e-mail address (like help@shop.example).');
    fireEvent.click(contact.getByRole('button', { name: 'Save' }));
    expect(admin.updateSiteSettings).toHaveBeenCalledTimes(2);
    fireEvent.input(email, { target: { value: ' help@acme.example ' } });
    expect(contact.queryByText('Not a full e-mail address (like help@shop.example).')).toBeNull();
    fireEvent.click(contact.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(admin.updateSiteSettings).toHaveBeenLastCalledWith({
        contact: { phone: '+375 17 000 00 00', email: 'help@acme.example', hoursNote: '' },
      }),
    );

    // So does a phone that would dial nothing.
    const phone = contact.getByRole('textbox', { name: 'Phone' });
    fireEvent.input(phone, { target: { value: 'call me maybe' } });
    expect(phone).toHaveAccessibleDescription('Not a phone number: use digits, spaces and + - ( ) . (like +1 555 010 0100 ext. 12).');
    fireEvent.click(contact.getByRole('button', { name: 'Save' }));
    expect(admin.updateSiteSettings).toHaveBeenCalledTimes(3);
    fireEvent.input(phone, { target: { value: '+375 17 000 00 00 ext. 12' } });
    expect(phone).not.toHaveAccessibleDescription();
    fireEvent.click(contact.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(admin.updateSiteSettings).toHaveBeenLastCalledWith({
        contact: { phone: '+375 17 000 00 00 ext. 12', email: 'help@acme.example', hoursNote: '' },
      }),
    );

    const origins = await section('origins');
    const box = origins.getByRole('textbox', { name: 'Origins, one per line' });
    fireEvent.input(box, { target: { value: 'https://shop.example/\nshop.example' } });
    expect(origins.getByText('Not an origin (like https://shop.example): shop.example')).toBeInTheDocument();
    fireEvent.input(box, { target: { value: 'https://shop.example/\nhttps://www.shop.example' } });
    fireEvent.click(origins.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(admin.updateSiteSettings).toHaveBeenLastCalledWith({
        allowedOrigins: ['https://shop.example', 'https://www.shop.example'],
      }),
    );
  });
});

describe('languages', () => {
  it('offers some of Parley\'s languages with a default among them, and nothing when none is ticked', async () => {
    const { admin } = await openAdmin(ADMIN, 'settings');
    const languages = await section('languages');
    const fallback = languages.getByRole('combobox', { name: 'Default language' });
    expect(fallback).toHaveValue('en');
    expect(within(fallback).getAllByRole('option')).toHaveLength(10);

    for (const name of ['English', 'Español', 'Русский', 'Беларуская', 'Українська', '中文', 'العربية', 'Português']) {
      fireEvent.click(languages.getByRole('checkbox', { name }));
    }
    // English was the default and is no longer offered: the default moves to the first offered.
    expect(fallback).toHaveValue('de');
    expect(within(fallback).getAllByRole('option').map((o) => o.textContent)).toEqual(['Deutsch', 'Français']);
    fireEvent.change(fallback, { target: { value: 'fr' } });
    fireEvent.click(languages.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(admin.updateSiteSettings).toHaveBeenLastCalledWith({ languages: { offered: ['de', 'fr'], default: 'fr' } }));

    fireEvent.click(languages.getByRole('checkbox', { name: 'Deutsch' }));
    fireEvent.click(languages.getByRole('checkbox', { name: 'Français' }));
    expect(languages.getByText('Offer at least one language.')).toBeInTheDocument();
    fireEvent.click(languages.getByRole('button', { name: 'Save' }));
    expect(admin.updateSiteSettings).toHaveBeenCalledTimes(1);
  });
});

it('keeps site settings out of an agent’s reach even by address', async () => {
  window.location.hash = '#/admin/settings';
  const { admin } = await openAdmin(AGENT);
  expect(await screen.findByTestId('team-admin')).toBeInTheDocument();
  expect(admin.getSite).not.toHaveBeenCalled();
});
