import { withoutBelarusianIntlData } from '@parley/shared/test-support/intl-without-belarusian';
import { fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { renderWithI18n } from '../../test-support/render-with-i18n';
import { ContactCard } from './ContactCard';

const openingHours = {
  timeZone: 'Europe/Minsk',
  week: { mon: [{ from: '09:00', to: '18:00' }], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [{ from: '00:00', to: '24:00' }] },
  holidays: ['2999-01-01'],
};

describe('ContactCard', () => {
  it('links the phone and the e-mail, and takes the focus to its heading', async () => {
    const onBack = jest.fn();
    await renderWithI18n(
      <ContactCard contact={{ phone: '+375 (17) 000-00-00', email: 'help@tea.example', hoursNote: '' }} openingHours={null} openNow={null} onBack={onBack} />,
    );
    expect(screen.getByRole('link', { name: '+375 (17) 000-00-00' })).toHaveAttribute('href', 'tel:+375170000000');
    expect(screen.getByRole('link', { name: 'help@tea.example' })).toHaveAttribute('href', 'mailto:help@tea.example');
    expect(screen.queryByText('Opening hours')).toBeNull();
    await waitFor(() => expect(screen.getByRole('heading', { name: 'Contact us' })).toHaveFocus());
    fireEvent.click(screen.getByRole('button', { name: 'Back to chat' }));
    expect(onBack).toHaveBeenCalled();
  });

  it('dials an extension as one, and shows a phone that dials nothing as text rather than a dead link', async () => {
    const { unmount } = await renderWithI18n(
      <ContactCard contact={{ phone: '+1 (555) 010-0100 ext. 12', email: '', hoursNote: '' }} openingHours={null} openNow={null} onBack={jest.fn()} />,
    );
    expect(screen.getByRole('link', { name: '+1 (555) 010-0100 ext. 12' })).toHaveAttribute('href', 'tel:+15550100100;ext=12');
    unmount();
    // Stored before the server checked phones.
    await renderWithI18n(
      <ContactCard contact={{ phone: 'call me maybe', email: '', hoursNote: '' }} openingHours={null} openNow={null} onBack={jest.fn()} />,
    );
    expect(screen.getByText('call me maybe')).toBeInTheDocument();
    expect(screen.queryByRole('link')).toBeNull();
  });

  it('shows the opening hours in the visitor’s language with the site’s time zone, whether open now, and the note', async () => {
    await renderWithI18n(
      <ContactCard contact={{ phone: '', email: '', hoursNote: 'Закрыта ў дзяржаўныя святы.' }} openingHours={openingHours} openNow={false} onBack={jest.fn()} />,
      'be',
    );
    const card = screen.getByTestId('contact-card');
    expect(within(card).getByText('Зараз зачынена')).toBeInTheDocument();
    const rows = within(card).getAllByRole('row').map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows[0]![0]).toBe('панядзелак');
    expect(rows[1]).toEqual(['аўторак – субота', 'Выхадны']);
    expect(rows[2]).toEqual(['нядзеля', 'Кругласутачна']);
    expect(card).toHaveTextContent(/Час пазначаны ў гадзінным поясе: .+\./);
    expect(card).toHaveTextContent('Не працуем: 1 студзеня.');
    expect(card).toHaveTextContent('Закрыта ў дзяржаўныя святы.');
  });

  it('keeps a phone number and an address left to right in an Arabic card, and the note in its own direction', async () => {
    await renderWithI18n(
      <ContactCard
        contact={{ phone: '+1 555 0100', email: 'help@tea.example', hoursNote: 'Closed on public holidays!' }}
        openingHours={null}
        openNow={null}
        onBack={jest.fn()}
      />,
      'ar',
    );
    // "+1 555 0100" would read "0100 555 1+" in the card's right-to-left lines: a wrong number to dial.
    expect(screen.getByRole('link', { name: '+1 555 0100' })).toHaveAttribute('dir', 'ltr');
    expect(screen.getByRole('link', { name: 'help@tea.example' })).toHaveAttribute('dir', 'ltr');
    expect(screen.getByText('Closed on public holidays!')).toHaveAttribute('dir', 'auto');
  });

  it('in a browser without Belarusian data (Chromium), shows Belarusian days and no Russian words', async () => {
    const restore = withoutBelarusianIntlData();
    try {
      await renderWithI18n(
        <ContactCard
          contact={{ phone: '', email: '', hoursNote: '' }}
          openingHours={{ ...openingHours, holidays: ['2999-01-07', '2999-05-09'] }}
          openNow={true}
          onBack={jest.fn()}
        />,
        'be',
      );
      const card = screen.getByTestId('contact-card');
      const rows = within(card).getAllByRole('row').map((row) => [...row.children].map((cell) => cell.textContent));
      expect(rows.map(([days]) => days)).toEqual(['панядзелак', 'аўторак – субота', 'нядзеля']);
      expect(card).toHaveTextContent('Час пазначаны ў гадзінным поясе: UTC+3.');
      expect(card).toHaveTextContent('Не працуем: 07.01, 09.05.');
      expect(card).not.toHaveTextContent(/понедельник|вторник|суббота|воскресенье|Москва|время|января|мая| и /);
    } finally {
      restore();
    }
  });

  it('names the days and the zone in Ukrainian, from the browser’s own Ukrainian data', async () => {
    await renderWithI18n(
      <ContactCard contact={{ phone: '', email: '', hoursNote: '' }} openingHours={{ ...openingHours, timeZone: 'Europe/Kyiv' }} openNow={null} onBack={jest.fn()} />,
      'uk',
    );
    const card = screen.getByTestId('contact-card');
    const rows = within(card).getAllByRole('row').map((row) => [...row.children].map((cell) => cell.textContent));
    expect(rows.map(([days]) => days)).toEqual(['понеділок', 'вівторок – субота', 'неділя']);
    // The zone name comes with its own "за … часом": the sentence around it says no more than "time zone".
    expect(card).toHaveTextContent('Часовий пояс: за східноєвропейським часом.');
  });

  it('names the zone in German as a label, so the nominative zone name needs no case ending', async () => {
    await renderWithI18n(
      <ContactCard contact={{ phone: '', email: '', hoursNote: '' }} openingHours={{ ...openingHours, timeZone: 'Europe/Berlin' }} openNow={null} onBack={jest.fn()} />,
      'de',
    );
    const card = screen.getByTestId('contact-card');
    expect(card).toHaveTextContent('Zeitzone: Mitteleuropäische Zeit.');
    expect(card).not.toHaveTextContent('Zeiten in');
  });
});
