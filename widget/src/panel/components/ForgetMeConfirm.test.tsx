import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { fakeActions, renderWithI18n } from '../../test-support/render-with-i18n';
import { ChatMenu } from './ChatMenu';
import { storageKeys } from '../safe-storage';
import { ForgetMeConfirm, startAfresh } from './ForgetMeConfirm';

async function renderConfirm(answers = {}, locale: 'en' | 'ru' = 'en') {
  const onDismiss = jest.fn();
  const onForgotten = jest.fn();
  const actions = fakeActions(answers);
  await renderWithI18n(<ForgetMeConfirm actions={actions} onDismiss={onDismiss} onForgotten={onForgotten} />, locale);
  return { actions, onDismiss, onForgotten };
}

const erased = { visitors: 1, conversations: 1, messages: 3, attachments: 0, tickets: 0, ticketEvents: 0, kbFeedback: 0, emails: 0 };

describe('"Forget me"', () => {
  it('is offered in the chat menu, whose place its question takes', async () => {
    const onDismiss = jest.fn();
    await renderWithI18n(<ChatMenu sound onToggleSound={jest.fn()} actions={fakeActions()} onDismiss={onDismiss} />);
    fireEvent.click(screen.getByRole('button', { name: 'Forget me' }));
    expect(await screen.findByRole('alertdialog', { name: /Erase this chat/ })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Sound notifications' })).toBeNull();
    // Pressing inside the question does not close it.
    fireEvent.pointerDown(screen.getByRole('button', { name: 'Back to chat' }));
    expect(onDismiss).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Back to chat' }));
    expect(onDismiss).toHaveBeenCalled();
  });

  it('asks first, with the focus on keeping everything; Escape erases nothing', async () => {
    const { actions, onDismiss, onForgotten } = await renderConfirm();
    const dialog = screen.getByRole('alertdialog', { name: 'Erase this chat and your details for good?' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Back to chat' })).toHaveFocus());
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(onDismiss).toHaveBeenCalled();
    expect(actions.ask).not.toHaveBeenCalled();
    expect(onForgotten).not.toHaveBeenCalled();
  });

  it('has the server erase this visitor, then starts the panel afresh', async () => {
    const { actions, onForgotten } = await renderConfirm({ 'visitor:forget': () => ({ ok: true, data: { erased } }) });
    fireEvent.click(screen.getByRole('button', { name: 'Forget me' }));
    await waitFor(() => expect(onForgotten).toHaveBeenCalledTimes(1));
    expect(actions.ask).toHaveBeenCalledWith('visitor:forget', { confirm: true });
    expect(screen.getByRole('button', { name: 'Forget me' })).toBeDisabled();
  });

  it('keeps everything in the browser and says so when the server could not erase', async () => {
    const { onForgotten, onDismiss } = await renderConfirm({}, 'ru');
    fireEvent.click(screen.getByRole('button', { name: 'Забыть меня' }));
    expect(await screen.findByText('Что-то пошло не так. Попробуйте позже.')).toBeInTheDocument();
    expect(onForgotten).not.toHaveBeenCalled();
    expect(onDismiss).not.toHaveBeenCalled();
  });
});

describe('startAfresh', () => {
  it('knows every key the panel keeps for a site', () => {
    expect(Object.values(storageKeys).map((keyOf) => keyOf('site_a_123').startsWith('parley:site_a_123:'))).toEqual([true, true, true, true]);
  });

  it("removes every key this browser keeps for the site, and no other site's, then reloads", () => {
    const keys = ['parley:site_a_123:visitor-token', 'parley:site_a_123:outbox', 'parley:site_a_123:sound', 'parley:site_a_123:email', 'parley:site_b_123:visitor-token'];
    keys.forEach((key) => localStorage.setItem(key, 'x'));
    const reload = jest.fn();
    const win = { location: { search: '?site=site_a_123', hash: '', reload }, localStorage } as unknown as Window;
    startAfresh(win);
    expect(keys.filter((key) => localStorage.getItem(key) !== null)).toEqual(['parley:site_b_123:visitor-token']);
    expect(reload).toHaveBeenCalled();
  });
});
