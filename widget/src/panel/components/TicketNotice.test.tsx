import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { fakeActions, renderWithI18n } from '../../test-support/render-with-i18n';
import { createChatStore } from '../chat-store';
import { TicketNotice } from './TicketNotice';

async function renderNotice(ticketNumber: number | null, emailKnown: boolean) {
  const actions = fakeActions();
  await renderWithI18n(<TicketNotice ticketNumber={ticketNumber} emailKnown={emailKnown} store={createChatStore()} actions={actions} />, 'uk');
  return actions;
}

describe('TicketNotice', () => {
  it('names the request when its number is known, and asks nothing more when an e-mail is on file', async () => {
    await renderNotice(1042, true);
    expect(screen.getByRole('status')).toHaveTextContent('Чат став зверненням № 1042. Відповімо листом.');
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('asks where to answer when no e-mail is known, and says when it could not be saved', async () => {
    const actions = await renderNotice(null, false);
    expect(screen.getByRole('status')).toHaveTextContent('Чат став зверненням. Відповімо листом.');
    actions.identify.mockResolvedValueOnce(false);
    fireEvent.input(screen.getByLabelText('Ваш e-mail, щоб ми могли відповісти'), { target: { value: 'olena@example.test' } });
    fireEvent.click(screen.getByRole('button', { name: 'Зберегти' }));
    expect(await screen.findByRole('alert')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: 'Зберегти' }));
    await waitFor(() => expect(screen.getAllByRole('status').at(-1)).toHaveTextContent('Дякуємо! Ми напишемо на olena@example.test.'));
    expect(actions.identify).toHaveBeenCalledWith({ email: 'olena@example.test' });
  });
});
