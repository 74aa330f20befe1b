/** How to reach the team besides the chat: phone, e-mail, opening hours in the visitor's language. */
import type { ContactCard as ContactDetails, OpeningHours } from '@parley/shared';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useTranslation } from '../i18n-context';
import { ALL_DAY, timeZoneName, upcomingHolidays, weekRows } from '../opening-hours-format';

export interface ContactCardProps {
  contact: ContactDetails;
  openingHours: OpeningHours | null;
  /** From the site's availability; null when unknown. */
  openNow: boolean | null;
  onBack: () => void;
}

export function ContactCard({ contact, openingHours, openNow, onBack }: ContactCardProps) {
  const { t, intl } = useTranslation();
  const title = useRef<HTMLHeadingElement>(null);
  // Screen readers hear where they are; the next Tab reaches the links.
  useEffect(() => title.current?.focus(), []);
  const hours = useMemo(
    () =>
      openingHours && {
        rows: weekRows(openingHours, intl),
        zone: timeZoneName(openingHours.timeZone, intl),
        holidays: upcomingHolidays(openingHours, intl),
      },
    [openingHours, intl],
  );
  return (
    <section class="card contact" aria-labelledby="parley-contact-title" data-testid="contact-card">
      <button type="button" class="link-button" onClick={onBack}>
        {t('back')}
      </button>
      <h2 id="parley-contact-title" class="contact__title" tabIndex={-1} ref={title}>
        {t('contact.title')}
      </h2>
      <dl class="contact__list">
        {contact.phone && (
          <>
            <dt>{t('contact.phone')}</dt>
            <dd>
              <a href={`tel:${contact.phone.replace(/[^\d+]/g, '')}`}>{contact.phone}</a>
            </dd>
          </>
        )}
        {contact.email && (
          <>
            <dt>{t('contact.email')}</dt>
            <dd>
              <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </dd>
          </>
        )}
        {(hours || contact.hoursNote) && (
          <>
            <dt>
              {t('contact.hours')}
              {hours && openNow !== null && (
                <span class={openNow ? 'contact__open' : 'contact__closed'}>
                  {t(openNow ? 'contact.openNow' : 'contact.closedNow')}
                </span>
              )}
            </dt>
            <dd>
              {hours && (
                <table class="contact__hours">
                  <tbody>
                    {hours.rows.map((row) => (
                      <tr key={row.days}>
                        <th scope="row">{row.days}</th>
                        <td>{row.hours === ALL_DAY ? t('contact.allDay') : (row.hours ?? t('contact.closed'))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
              {hours && <p class="contact__note">{t('contact.timeZone', { zone: hours.zone })}</p>}
              {hours?.holidays && <p class="contact__note">{t('contact.holidays', { dates: hours.holidays })}</p>}
              {contact.hoursNote && <p class="contact__note">{contact.hoursNote}</p>}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

export default ContactCard;
