import { act, fireEvent, screen, within } from '@testing-library/preact';
import { openAdmin } from '../../test-support/open-admin';

beforeEach(() => window.localStorage.clear());

async function openAddAgent() {
  const rendered = await openAdmin();
  await screen.findByText('Bob');
  fireEvent.click(screen.getByRole('button', { name: 'Add agent' }));
  const form = await screen.findByRole('dialog', { name: 'Add an agent' });
  return { ...rendered, form, chats: within(form).getByRole('spinbutton', { name: 'Chats at once' }) };
}

describe('adding an agent: chats at once', () => {
  it('says the allowed range when the number is out of it, and not before', async () => {
    const { form, chats, admin } = await openAddAgent();
    expect(chats).not.toHaveAccessibleDescription();

    fireEvent.input(chats, { target: { value: '0' } });
    expect(chats).toHaveAttribute('aria-invalid', 'true');
    expect(chats).toHaveAccessibleDescription('Enter a whole number from 1 to 50.');
    expect(within(form).getByText('Enter a whole number from 1 to 50.')).toBeVisible();
    expect(within(form).getByRole('button', { name: 'Create agent' })).toBeDisabled();

    fireEvent.input(chats, { target: { value: '2.5' } });
    expect(chats).toHaveAccessibleDescription('Enter a whole number from 1 to 50.');
    fireEvent.input(chats, { target: { value: '51' } });
    expect(chats).toHaveAccessibleDescription('Enter a whole number from 1 to 50.');

    fireEvent.input(chats, { target: { value: '50' } });
    expect(chats).toHaveAttribute('aria-invalid', 'false');
    expect(within(form).queryByText('Enter a whole number from 1 to 50.')).toBeNull();
    expect(within(form).getByRole('button', { name: 'Create agent' })).toBeEnabled();
    expect(admin.createAgent).not.toHaveBeenCalled();
  });

  it('says it in the console’s language', async () => {
    const { app, chats } = await openAddAgent();
    await act(() => app.translator.setLanguage('ru'));
    fireEvent.input(chats, { target: { value: '0' } });
    expect(chats).toHaveAccessibleDescription('Введите целое число от 1 до 50.');
  });
});
