import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { ADMIN, BOB, openAdmin, SALES } from '../test-support/open-admin';
import { AGENT } from '../test-support/fixtures';
import { fakeAdminClient } from '../test-support/fake-admin-client';
import { renderSignedIn } from '../test-support/render-console';

beforeEach(() => window.localStorage.clear());

const rowOf = (name: string) =>
  screen.getAllByTestId('agent-row').find((row) => row.textContent?.includes(name)) as HTMLElement;

describe('administration: team', () => {
  it('adds an agent with a generated password that is shown once and can be copied', async () => {
    const writeText = jest.fn(async (_text: string) => undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    const { admin } = await openAdmin();
    await screen.findByText('Bob');

    fireEvent.click(screen.getByRole('button', { name: 'Add agent' }));
    const form = await screen.findByRole('dialog', { name: 'Add an agent' });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Name' }), { target: { value: 'Chen' } });
    fireEvent.input(within(form).getByRole('textbox', { name: 'E-mail' }), {
      target: { value: 'chen@example.com' },
    });
    fireEvent.input(within(form).getByRole('textbox', { name: 'Languages' }), {
      target: { value: 'zh, EN' },
    });
    fireEvent.input(within(form).getByRole('spinbutton', { name: 'Chats at once' }), {
      target: { value: '6' },
    });
    fireEvent.click(within(form).getByRole('checkbox', { name: 'Sales' }));
    fireEvent.click(within(form).getByRole('button', { name: 'Create agent' }));

    const shown = await screen.findByRole('dialog', { name: 'Chen can sign in now' });
    const password = within(shown).getByTestId('generated-password').textContent ?? '';
    expect(password).toMatch(/^[A-Za-z2-9]{16}$/);
    expect(admin.createAgent).toHaveBeenCalledWith({
      name: 'Chen',
      email: 'chen@example.com',
      role: 'agent',
      departmentIds: [SALES.id],
      languages: ['zh', 'en'],
      maxChats: 6,
      password,
    });
    fireEvent.click(within(shown).getByRole('button', { name: 'Copy' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(password));
    expect(within(shown).getByRole('status')).toHaveTextContent('Copied.');
    fireEvent.click(within(shown).getByRole('button', { name: 'I have noted it' }));
    expect(screen.queryByTestId('generated-password')).toBeNull();
    expect(rowOf('Chen')).toHaveTextContent('Sales');
  });

  it('edits capacity and languages, and refuses a language that is not a code', async () => {
    const { admin } = await openAdmin();
    await screen.findByText('Bob');
    fireEvent.click(screen.getByRole('button', { name: 'Edit Bob' }));
    const form = await screen.findByRole('dialog', { name: 'Edit Bob' });
    const languages = within(form).getByRole('textbox', { name: 'Languages' });
    fireEvent.input(languages, { target: { value: 'english' } });
    expect(languages).toHaveAttribute('aria-invalid', 'true');
    expect(within(form).getByRole('button', { name: 'Save' })).toBeDisabled();

    fireEvent.input(languages, { target: { value: 'en, de' } });
    fireEvent.input(within(form).getByRole('spinbutton', { name: 'Chats at once' }), {
      target: { value: '2' },
    });
    fireEvent.change(within(form).getByRole('combobox', { name: 'Role' }), { target: { value: 'admin' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(admin.updateAgent).toHaveBeenCalledWith(BOB.id, {
      name: 'Bob',
      role: 'admin',
      departmentIds: [],
      languages: ['en', 'de'],
      maxChats: 2,
    });
    expect(rowOf('Bob')).toHaveTextContent('en, de');
  });

  it('refuses "en, zz" by the field, naming the code that is no language; pt-BR is taken as pt', async () => {
    const { admin } = await openAdmin();
    await screen.findByText('Bob');
    fireEvent.click(screen.getByRole('button', { name: 'Edit Bob' }));
    const form = await screen.findByRole('dialog', { name: 'Edit Bob' });
    const languages = within(form).getByRole('textbox', { name: 'Languages' });
    fireEvent.input(languages, { target: { value: 'en, zz' } });
    expect(languages).toHaveAttribute('aria-invalid', 'true');
    expect(languages).toHaveAccessibleDescription(expect.stringContaining('Not a language code: zz.'));
    expect(within(form).getByRole('button', { name: 'Save' })).toBeDisabled();

    fireEvent.input(languages, { target: { value: 'en, pt-BR' } });
    expect(languages).toHaveAttribute('aria-invalid', 'false');
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(admin.updateAgent).toHaveBeenCalledWith(BOB.id, expect.objectContaining({ languages: ['en', 'pt'] })));
  });

  it('deactivates a colleague only after confirming, never oneself', async () => {
    const { admin } = await openAdmin();
    await screen.findByText('Bob');
    expect(within(rowOf('Alma')).queryByRole('button', { name: /Deactivate/ })).toBeNull();

    fireEvent.click(within(rowOf('Bob')).getByRole('button', { name: 'Deactivate Bob' }));
    const confirm = await screen.findByRole('dialog', { name: 'Deactivate Bob?' });
    expect(confirm).toHaveTextContent('signed out everywhere at once');
    expect(within(confirm).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    expect(admin.updateAgent).not.toHaveBeenCalled();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Deactivate' }));

    await waitFor(() => expect(rowOf('Bob')).toHaveAttribute('data-active', 'false'));
    expect(admin.updateAgent).toHaveBeenCalledWith(BOB.id, { active: false });
    expect(within(rowOf('Bob')).getByRole('button', { name: 'Reactivate Bob' })).toBeInTheDocument();
  });

  it('shows an agent the team read-only, and no site settings', async () => {
    await openAdmin(AGENT);
    expect(screen.getByTestId('admin-nav')).toHaveTextContent('Team');
    await screen.findByText('Bob');
    expect(screen.queryByRole('button', { name: 'Add agent' })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit / })).toBeNull();
    expect(screen.getByText('Only admins can change this; you see it as it is.')).toBeInTheDocument();
    expect(screen.queryByTestId('admin-nav-settings')).toBeNull();
    expect(screen.queryByTestId('admin-nav-snippet')).toBeNull();
    expect(screen.getByTestId('admin-nav-canned')).toBeInTheDocument();
  });

  it('adds a department', async () => {
    const { admin } = await openAdmin(ADMIN, 'departments');
    fireEvent.input(await screen.findByRole('textbox', { name: 'New department' }), {
      target: { value: 'Billing' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add department' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('department-item').map((d) => d.textContent)).toEqual([
        'BillingAgents: 2EditDelete',
        'SalesAgents: 2EditDelete',
      ]),
    );
    expect(admin.createDepartment).toHaveBeenCalledWith('Billing');
  });

  it('renames a department in place, and says so when the name is taken', async () => {
    const { admin } = await openAdmin(ADMIN, 'departments');
    fireEvent.input(await screen.findByRole('textbox', { name: 'New department' }), {
      target: { value: 'Billing' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add department' }));
    await screen.findByText('Billing');

    fireEvent.click(screen.getByRole('button', { name: 'Edit Sales' }));
    const name = screen.getByRole('textbox', { name: 'New name for Sales' });
    expect(name).toHaveValue('Sales');
    fireEvent.input(name, { target: { value: 'Billing' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveAttribute('data-code', 'ALREADY_TAKEN');
    expect(screen.getByRole('alert')).toHaveTextContent('A department with this name already exists.');

    fireEvent.input(name, { target: { value: 'Sales and offers' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.getAllByTestId('department-item').map((d) => d.textContent)).toEqual([
        'BillingAgents: 2EditDelete',
        'Sales and offersAgents: 2EditDelete',
      ]),
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(admin.renameDepartment).toHaveBeenLastCalledWith(SALES.id, 'Sales and offers');
  });
});

describe('administration: snippet', () => {
  it('shows the snippet and copies it', async () => {
    const writeText = jest.fn(async (_text: string) => undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    await openAdmin(ADMIN, 'snippet');
    const code = await screen.findByTestId('snippet-code');
    expect(code).toHaveTextContent(
      '<script async src="https://chat.example/widget.js" data-site="site-key-demo-0001"></script>',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Copy snippet' }));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith(code.textContent));
  });

  it('says so when the clipboard is refused', async () => {
    Object.assign(navigator, { clipboard: { writeText: async () => Promise.reject(new Error('denied')) } });
    await openAdmin(ADMIN, 'snippet');
    fireEvent.click(await screen.findByRole('button', { name: 'Copy snippet' }));
    expect(await screen.findByText(/Copying was not allowed/)).toBeInTheDocument();
  });
});

describe('administration: team credentials', () => {
  it('sends an agent a reset link and resets their two-step sign-in, each after a confirmation', async () => {
    const admin = fakeAdminClient({ agents: [ADMIN, BOB], departments: [SALES] });
    admin.twoFactorAgentIds.add(BOB.id);
    await renderSignedIn({ agent: ADMIN, admin });
    fireEvent.click(screen.getByTestId('admin-nav'));
    await screen.findByText('Bob');
    await waitFor(() => expect(within(rowOf('Bob')).getByTestId('two-factor-badge')).toHaveTextContent('2-step'));
    expect(within(rowOf('Alma')).queryByTestId('two-factor-badge')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Send reset link to Bob' }));
    const send = await screen.findByRole('dialog', { name: 'Send Bob a reset link?' });
    expect(send).toHaveTextContent('Bob gets an e-mail at bob@example.com');
    fireEvent.click(within(send).getByRole('button', { name: 'Send reset link' }));
    expect(await screen.findByTestId('team-notice')).toHaveTextContent('A reset link was sent to bob@example.com.');
    expect(admin.sendPasswordReset).toHaveBeenCalledWith(BOB.id);

    fireEvent.click(screen.getByRole('button', { name: 'Reset two-step sign-in of Bob' }));
    const reset = await screen.findByRole('dialog', { name: 'Reset two-step sign-in of Bob?' });
    fireEvent.click(within(reset).getByRole('button', { name: 'Reset two-step' }));
    await waitFor(() => expect(within(rowOf('Bob')).queryByTestId('two-factor-badge')).toBeNull());
    expect(admin.resetTwoFactor).toHaveBeenCalledWith(BOB.id);
  });
});
