import { withoutBelarusianIntlData } from '@parley/shared/test-support/intl-without-belarusian';
import { act, screen } from '@testing-library/preact';
import { renderWithI18n } from '../../test-support/render-with-i18n';
import { SendingHeldNotice } from './SendingHeldNotice';

afterEach(() => jest.useRealTimers());

describe('SendingHeldNotice', () => {
  it('says the visitor sends too fast and counts down the wait until their messages go', async () => {
    // The strings load with real timers; the clock is the test's from then on.
    await renderWithI18n(<span />);
    jest.useFakeTimers();
    await renderWithI18n(<SendingHeldNotice until={Date.now() + 55_000} />);
    const notice = screen.getByTestId('sending-held');
    expect(notice).toHaveTextContent("You're sending messages too fast. We'll send yours in 55 seconds.");
    // Heard once by a screen reader, not every second.
    expect(screen.getByRole('status')).toHaveTextContent("We'll send yours in 55 seconds.");

    await act(() => jest.advanceTimersByTimeAsync(54_000));
    expect(notice.querySelector('[aria-hidden="true"]')).toHaveTextContent("We'll send yours in 1 second.");
    expect(screen.getByRole('status')).toHaveTextContent("We'll send yours in 55 seconds.");
  });

  it('says it in the visitor language, with the wait as that language counts it', async () => {
    await renderWithI18n(<SendingHeldNotice until={Date.now() + 21_000} />, 'ru');
    expect(screen.getByRole('status')).toHaveTextContent('Вы отправляете сообщения слишком часто. Мы отправим их через 21 секунду.');
  });

  it('keeps Russian words out of a Belarusian sentence where the browser has no Belarusian data, as Chromium has not', async () => {
    const restore = withoutBelarusianIntlData();
    try {
      await renderWithI18n(<SendingHeldNotice until={Date.now() + 21_000} />, 'be');
      expect(screen.getByRole('status')).toHaveTextContent('Вы адпраўляеце паведамленні занадта часта. Мы адправім іх праз 21 с.');
      expect(screen.getByRole('status')).not.toHaveTextContent(/через|секунд/);
    } finally {
      restore();
    }
  });
});
