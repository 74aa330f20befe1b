import { act, screen, within } from '@testing-library/preact';
import { aConversation, aMessage, agentAuthor } from '../../test-support/message-factory';
import { aSiteConfig, fakeActions, renderWithI18n } from '../../test-support/render-with-i18n';
import { createChatStore } from '../chat-store';
import { ChatEventLine } from './ChatEventLine';
import { IsolatedValue, VALUE_SLOT } from './IsolatedValue';
import { OfflineForm } from './OfflineForm';
import { PanelApp } from './PanelApp';

describe('IsolatedValue', () => {
  it('sets the value apart in the sentence, left to right when asked', async () => {
    await renderWithI18n(
      <p data-testid="sentence">
        <IsolatedValue sentence={`سنرد على ${VALUE_SLOT}.`} value="ada@example.test" dir="ltr" />
      </p>,
    );
    const sentence = screen.getByTestId('sentence');
    expect(sentence).toHaveTextContent('سنرد على ada@example.test.');
    expect(within(sentence).getByText('ada@example.test').tagName).toBe('BDI');
    expect(within(sentence).getByText('ada@example.test')).toHaveAttribute('dir', 'ltr');
  });
});

describe('an Arabic (right-to-left) panel', () => {
  it('shows each message in its own direction, and the names apart from the sentence around them', async () => {
    const store = createChatStore({ connection: 'online', site: aSiteConfig({ widget: { ...aSiteConfig().widget, title: 'Acme Tea!' } }) });
    await renderWithI18n(<PanelApp store={store} actions={fakeActions()} />, 'ar');
    act(() => {
      store.setConversation(aConversation({ status: 'assigned', assignedAgentId: 'agent_0001' }));
      store.receiveMessages(
        [aMessage({ seq: 1, text: 'Order #123 is late!' }), aMessage({ seq: 2, author: agentAuthor, text: 'سنتحقق من ذلك' })],
        { live: false },
      );
      store.update({ agentTyping: { name: 'Anna K.' } });
    });
    const panel = document.querySelector('.panel');
    expect(panel).toHaveAttribute('dir', 'rtl');
    // "Order #123 is late!" would read "!Order #123 is late" in the panel's direction.
    expect(screen.getByText('Order #123 is late!')).toHaveAttribute('dir', 'auto');
    expect(screen.getByText('سنتحقق من ذلك')).toHaveAttribute('dir', 'auto');
    expect(within(screen.getAllByTestId('message')[1]!).getByText('Anna').tagName).toBe('BDI');
    expect(within(screen.getByTestId('header-subtitle')).getByText('Anna').tagName).toBe('BDI');
    expect(within(screen.getByTestId('typing-indicator')).getByText('Anna K.').tagName).toBe('BDI');
    expect(screen.getByRole('heading', { name: 'Acme Tea!' }).querySelector('bdi')).toHaveTextContent('Acme Tea!');
  });

  it('echoes the e-mail of an offline request left to right', async () => {
    await renderWithI18n(
      <OfflineForm
        known={{ name: null, email: 'ada@example.test' }}
        receipt={{ ticketNumber: 1042, emailOnFile: true }}
        store={createChatStore()}
        actions={fakeActions()}
      />,
      'ar',
    );
    const receipt = within(screen.getByTestId('offline-receipt')).getByRole('status');
    expect(receipt).toHaveTextContent(/1042.*ada@example\.test/);
    expect(within(receipt).getByText('ada@example.test')).toHaveAttribute('dir', 'ltr');
  });
});

describe('a chat event line', () => {
  it('sets the agent’s name apart in an Arabic line, and reads the whole sentence', async () => {
    await renderWithI18n(
      <ul>
        <ChatEventLine event={{ type: 'transferred', from: 'Sam', to: 'Bea Agent' }} />
      </ul>,
      'ar',
    );
    const line = screen.getByTestId('message');
    expect(within(line).getByText('Bea Agent').tagName).toBe('BDI');
    expect(line.textContent).toMatch(/Bea Agent/);
    expect(line.textContent).not.toContain(VALUE_SLOT);
  });
});
