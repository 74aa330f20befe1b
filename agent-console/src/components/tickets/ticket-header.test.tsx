import { act, fireEvent, waitFor, within } from '@testing-library/preact';
import { ticket } from '../../test-support/fixtures';
import { openTicket } from '../../test-support/open-ticket';

beforeEach(() => window.localStorage.clear());

async function editSubject() {
  const subject = ticket({ subject: 'Parcel late', status: 'open' });
  const rendered = await openTicket(subject);
  fireEvent.click(within(rendered.view).getByRole('button', { name: 'Edit subject' }));
  const input = within(rendered.view).getByRole('textbox', { name: 'Subject' });
  return { ...rendered, input, subject };
}

describe("a ticket's subject, edited in place", () => {
  it('refuses a subject of only spaces with a reason, keeping the editor open, then saves a real one', async () => {
    const { view, input, socket } = await editSubject();
    fireEvent.input(input, { target: { value: '   ' } });
    fireEvent.click(within(view).getByRole('button', { name: 'Save' }));

    expect(within(view).getByRole('alert')).toHaveTextContent("The subject can't be empty.");
    expect(input).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription("The subject can't be empty.");
    expect(socket.emitsOf('ticket:update')).toHaveLength(0);

    // Typing again takes the reason away; a real subject is saved and the editor closes.
    fireEvent.input(input, { target: { value: ' Parcel lost ' } });
    expect(within(view).queryByRole('alert')).toBeNull();
    fireEvent.click(within(view).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(within(view).queryByRole('textbox', { name: 'Subject' })).toBeNull());
    expect(socket.emitsOf('ticket:update').at(-1)).toMatchObject({ update: { subject: 'Parcel lost' } });
    expect(within(view).getByRole('heading', { level: 1 })).toHaveTextContent('Parcel lost');
  });

  it('says it in the console’s language', async () => {
    const { app, view, input } = await editSubject();
    await act(() => app.translator.setLanguage('uk'));
    fireEvent.input(input, { target: { value: '' } });
    fireEvent.submit(input.closest('form') as HTMLFormElement);
    expect(within(view).getByRole('alert')).toHaveTextContent('Тема не може бути порожньою.');
  });
});
