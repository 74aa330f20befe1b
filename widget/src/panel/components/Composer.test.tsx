import { fireEvent, screen } from '@testing-library/preact';
import { createRef } from 'preact';
import { renderWithI18n } from '../../test-support/render-with-i18n';
import { COMPOSER_MAX_LENGTH, Composer } from './Composer';

async function renderComposer() {
  await renderWithI18n(
    <Composer
      onSend={jest.fn()}
      onTyping={jest.fn()}
      inputRef={createRef()}
      fileAccess={() => ({ token: 'visitor-token-for-files', siteKey: 'site_key_123' })}
    />,
  );
  return screen.getByRole('textbox', { name: 'Type your message' });
}

describe('Composer', () => {
  it('shows how close a long message is to the limit, only near it', async () => {
    const input = await renderComposer();
    expect(input).toHaveAttribute('maxLength', String(COMPOSER_MAX_LENGTH));

    fireEvent.input(input, { target: { value: 'a'.repeat(4_499) } });
    expect(screen.queryByTestId('composer-count')).toBeNull();

    fireEvent.input(input, { target: { value: 'a'.repeat(4_980) } });
    // Drawn by the composer's tools, a part loaded after the panel shows.
    expect(await screen.findByTestId('composer-count')).toHaveTextContent('4,980 / 5,000');
    expect(input).toHaveAccessibleDescription('Press Enter to send, Shift+Enter for a new line 4,980 / 5,000');

    // A paste the text box cut at the limit: the count says it is full.
    fireEvent.input(input, { target: { value: 'a'.repeat(COMPOSER_MAX_LENGTH) } });
    expect(screen.getByTestId('composer-count')).toHaveTextContent('5,000 / 5,000');
  });
});
