import { fireEvent, screen, within } from '@testing-library/preact';
import { createRef } from 'preact';
import { renderWithI18n } from '../../test-support/render-with-i18n';
import { EMOJI, EmojiPicker } from './EmojiPicker';

async function renderPicker(locale: 'en' | 'ar' = 'en') {
  const input = createRef<HTMLTextAreaElement>();
  const onClose = jest.fn();
  const onPageKey = jest.fn();
  document.addEventListener('keydown', onPageKey);
  await renderWithI18n(
    <div dir={locale === 'ar' ? 'rtl' : 'ltr'}>
      <textarea ref={input} />
      <EmojiPicker input={input} maxLength={100} onInsert={jest.fn()} onClose={onClose} />
    </div>,
    locale,
  );
  const picker = screen.getByTestId('emoji-picker');
  const emoji = within(picker).getAllByRole('button');
  return { picker, emoji, onClose, onPageKey: () => onPageKey.mock.calls.length };
}

const tabStops = (buttons: HTMLElement[]) => buttons.filter((button) => button.tabIndex >= 0);

describe('EmojiPicker', () => {
  it('is one Tab stop, and the arrow keys, Home and End move in its grid of eight columns', async () => {
    const { emoji } = await renderPicker();
    expect(emoji).toHaveLength(EMOJI.length);
    expect(emoji[0]).toHaveFocus();
    expect(tabStops(emoji)).toEqual([emoji[0]]);

    fireEvent.keyDown(emoji[0]!, { key: 'ArrowRight' });
    expect(emoji[1]).toHaveFocus();
    fireEvent.keyDown(emoji[1]!, { key: 'ArrowDown' });
    expect(emoji[9]).toHaveFocus();
    expect(tabStops(emoji)).toEqual([emoji[9]]);
    fireEvent.keyDown(emoji[9]!, { key: 'ArrowUp' });
    expect(emoji[1]).toHaveFocus();
    fireEvent.keyDown(emoji[1]!, { key: 'End' });
    expect(emoji[EMOJI.length - 1]).toHaveFocus();
    fireEvent.keyDown(emoji[EMOJI.length - 1]!, { key: 'ArrowRight' });
    expect(emoji[EMOJI.length - 1]).toHaveFocus();
    fireEvent.keyDown(emoji[EMOJI.length - 1]!, { key: 'Home' });
    expect(emoji[0]).toHaveFocus();
    expect(tabStops(emoji)).toEqual([emoji[0]]);
  });

  it('follows the reading direction: in Arabic the left arrow goes to the next emoji', async () => {
    const { emoji } = await renderPicker('ar');
    fireEvent.keyDown(emoji[0]!, { key: 'ArrowLeft' });
    expect(emoji[1]).toHaveFocus();
  });

  it('closes on Escape, and only itself', async () => {
    const { emoji, onClose, onPageKey } = await renderPicker();
    fireEvent.keyDown(emoji[3]!, { key: 'Escape' });
    expect(onClose).toHaveBeenCalled();
    expect(onPageKey()).toBe(0);
  });
});
