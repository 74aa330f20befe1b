import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { aConversation } from '../../test-support/message-factory';
import { fakeActions, renderWithI18n } from '../../test-support/render-with-i18n';
import { createChatStore } from '../chat-store';
import { EndChatConfirm } from './EndChatConfirm';

async function renderConfirm(answers = {}) {
  const store = createChatStore();
  store.setConversation(aConversation({ id: 'conversation_7', status: 'queued' }));
  const onDismiss = jest.fn();
  const actions = fakeActions(answers);
  await renderWithI18n(<EndChatConfirm store={store} actions={actions} onDismiss={onDismiss} />);
  return { store, actions, onDismiss };
}

describe('EndChatConfirm', () => {
  it('asks first, with the focus on the answer; Escape keeps the chat going', async () => {
    const { actions, onDismiss } = await renderConfirm();
    const dialog = screen.getByRole('alertdialog', { name: 'End this chat?' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'End chat' })).toHaveFocus());
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onDismiss).toHaveBeenCalled();
    expect(actions.ask).not.toHaveBeenCalled();
  });

  it('keeps the number of the request an unanswered chat became', async () => {
    const { store, onDismiss } = await renderConfirm({
      'conversation:end': () => ({ ok: true, data: { ticket: { ticketNumber: 1042, emailOnFile: false } } }),
    });
    fireEvent.click(screen.getByRole('button', { name: 'End chat' }));
    await waitFor(() => expect(onDismiss).toHaveBeenCalled());
    expect(store.getState().ticket).toEqual({ ticketNumber: 1042, emailOnFile: false, conversationId: 'conversation_7' });
  });

  it('stays open and says so when the chat could not be ended', async () => {
    const { onDismiss } = await renderConfirm();
    fireEvent.click(screen.getByRole('button', { name: 'End chat' }));
    expect(await screen.findByText('Something went wrong. Please try again later.')).toBeInTheDocument();
    expect(onDismiss).not.toHaveBeenCalled();
  });
});
