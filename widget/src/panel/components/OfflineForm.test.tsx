import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { fakeActions, renderWithI18n } from '../../test-support/render-with-i18n';
import { createChatStore } from '../chat-store';
import { OfflineForm, type OfflineFormProps } from './OfflineForm';

async function renderForm(props: Partial<OfflineFormProps> = {}, answers = {}) {
  const store = createChatStore({ open: true });
  const actions = fakeActions(answers);
  const view = await renderWithI18n(
    <OfflineForm known={{ name: null, email: null }} receipt={null} store={store} actions={actions} {...props} />,
    'en',
  );
  return { store, actions, view };
}

describe('OfflineForm', () => {
  it('says what happens to the message, and offers the contact card when the site has one', async () => {
    const onShowContact = jest.fn();
    await renderForm({ onShowContact });
    const form = screen.getByTestId('offline-form');
    expect(form).toHaveTextContent("Leave a message and we'll answer by email.");
    fireEvent.click(within(form).getByRole('button', { name: 'Contact details' }));
    expect(onShowContact).toHaveBeenCalled();
  });

  it('fills in what the visitor told before', async () => {
    await renderForm({ known: { name: 'Ada', email: 'ada@example.test' } });
    expect(screen.getByLabelText('Your name (optional)')).toHaveValue('Ada');
    expect(screen.getByLabelText('Your email')).toHaveValue('ada@example.test');
    expect(screen.queryByRole('button', { name: 'Contact details' })).toBeNull();
  });

  it('turns the message into a request and keeps its number and the e-mail', async () => {
    const { store, actions } = await renderForm({}, { 'ticket:create': () => ({ ok: true, data: { ticketNumber: 1042, emailOnFile: true } }) });
    fireEvent.submit(screen.getByTestId('offline-form'));
    expect(actions.ask).not.toHaveBeenCalled();

    fireEvent.input(screen.getByLabelText('Your email'), { target: { value: ' ada@example.test ' } });
    fireEvent.input(screen.getByLabelText('Your message'), { target: { value: 'Do you ship to Minsk?' } });
    expect(screen.getByLabelText('Your email')).toBeRequired();
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    expect(screen.getByRole('button', { name: 'Sending…' })).toBeDisabled();
    await waitFor(() => expect(store.getState().ticket).toEqual({ ticketNumber: 1042, emailOnFile: true, conversationId: null }));
    expect(actions.ask).toHaveBeenCalledWith('ticket:create', { email: 'ada@example.test', message: 'Do you ship to Minsk?' });
    expect(store.getState().email).toBe('ada@example.test');
  });

  it('says which field to fix, before sending, for an e-mail the server would refuse or a blank message', async () => {
    const { actions } = await renderForm();
    fireEvent.input(screen.getByLabelText('Your email'), { target: { value: 'foo@bar' } });
    fireEvent.input(screen.getByLabelText('Your message'), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toEqual(['Enter a valid email address', 'Write a message']);
    expect(screen.getByLabelText('Your email')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Your message')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByText(/Something went wrong/)).toBeNull();
    expect(actions.ask).not.toHaveBeenCalled();
  });

  it('says itself what is missing in an empty form (no browser bubble), ties each error to its field and goes to the first', async () => {
    const { actions } = await renderForm();
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    expect(screen.getAllByRole('alert').map((alert) => alert.textContent)).toEqual(['Enter a valid email address', 'Write a message']);
    const email = screen.getByLabelText('Your email');
    expect(email).toHaveFocus();
    expect(email).toHaveAccessibleDescription('Enter a valid email address');
    expect(screen.getByLabelText('Your message')).toHaveAccessibleDescription('Write a message');
    expect(screen.getByLabelText('Your name (optional)')).not.toHaveAttribute('aria-describedby');
    expect(actions.ask).not.toHaveBeenCalled();

    fireEvent.input(email, { target: { value: 'ada@example.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    expect(screen.getByLabelText('Your message')).toHaveFocus();
    expect(email).not.toHaveAttribute('aria-describedby');
  });

  it('goes to the field the server refused', async () => {
    const refusal = { code: 'VALIDATION_FAILED', message: 'email: Invalid email address', issues: [{ path: 'email', message: 'Invalid email address' }] };
    await renderForm({}, { 'ticket:create': () => ({ ok: false, error: refusal }) });
    fireEvent.input(screen.getByLabelText('Your email'), { target: { value: 'ada@example.test' } });
    fireEvent.input(screen.getByLabelText('Your message'), { target: { value: 'Hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    await screen.findByRole('alert');
    expect(screen.getByLabelText('Your email')).toHaveFocus();
  });

  it('marks the field the server refused instead of the generic error', async () => {
    const refusal = { code: 'VALIDATION_FAILED', message: 'email: Invalid email address', issues: [{ path: 'email', message: 'Invalid email address' }] };
    const { actions } = await renderForm({}, { 'ticket:create': () => ({ ok: false, error: refusal }) });
    fireEvent.input(screen.getByLabelText('Your email'), { target: { value: 'ada@example.test' } });
    fireEvent.input(screen.getByLabelText('Your message'), { target: { value: 'Hello' } });
    fireEvent.click(screen.getByRole('button', { name: 'Send message' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Enter a valid email address');
    expect(actions.ask).toHaveBeenCalled();
    expect(screen.queryByText(/Something went wrong/)).toBeNull();
    expect(screen.getByRole('button', { name: 'Send message' })).toBeEnabled();
  });

  it('shows the request number, and lets the visitor write another message', async () => {
    const { store } = await renderForm({
      receipt: { ticketNumber: 1042, emailOnFile: true },
      known: { name: null, email: 'ada@example.test' },
    });
    store.update({ ticket: { ticketNumber: 1042, emailOnFile: true, conversationId: null } });
    const receipt = screen.getByTestId('offline-receipt');
    expect(within(receipt).getByRole('status')).toHaveTextContent("Thanks! Request #1042 received. We'll reply to ada@example.test.");
    fireEvent.click(within(receipt).getByRole('button', { name: 'Send another message' }));
    expect(store.getState().ticket).toBeNull();
  });

  it('says so when the request could not be sent, and keeps what was typed', async () => {
    await renderForm({}, { 'ticket:create': () => ({ ok: false, error: { code: 'RATE_LIMITED', message: 'later' } }) });
    fireEvent.input(screen.getByLabelText('Your email'), { target: { value: 'ada@example.test' } });
    fireEvent.input(screen.getByLabelText('Your message'), { target: { value: 'Hello' } });
    fireEvent.submit(screen.getByTestId('offline-form'));
    expect(await screen.findByRole('alert')).toHaveTextContent('Something went wrong. Please try again later.');
    expect(screen.getByLabelText('Your message')).toHaveValue('Hello');
  });

  it('puts the cursor in its first field when it arrives in an open panel with nothing focused', async () => {
    await renderForm();
    expect(screen.getByLabelText('Your name (optional)')).toHaveFocus();
  });
});
