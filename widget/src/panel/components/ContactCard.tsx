/** How to reach the team besides the chat: phone, e-mail, opening hours in the visitor's language. */
import type { ContactCard as ContactDetails, OpeningHours } from '@parley/shared';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useTranslation } from '../i18n-context';
import { ALL_DAY, timeZoneName, timeZoneOffset, upcomingHolidays, weekRows } from '../opening-hours-format';

export interface ContactCardProps {
  contact: ContactDetails;
  openingHours: OpeningHours | null;
  /** From the site's availability; null when unknown. */
  openNow: boolean | null;
  onBack: () => void;
}

const EXTENSION = /\s*(?:ext\.?|x|#)\s*(\d+)$/i;
/** A tel: URI (RFC 3966): the number's digits, and an extension as ";ext=" rather than run into them. */
function telHref(phone: string): string | null {
  const extension = EXTENSION.exec(phone);
  const digits = (extension ? phone.slice(0, extension.index) : phone).replace(/[^\d+]/g, '');
  // A number saved before the server checked phones may dial nothing: shown as text, not as a dead link.
  if (!/\d/.test(digits)) return null;
  return `tel:${digits}${extension ? `;ext=${extension[1]}` : ''}`;
}

export function ContactCard({ contact, openingHours, openNow, onBack }: ContactCardProps) {
  const { t, lng, intl } = useTranslation();
  const title = useRef<HTMLHeadingElement>(null);
  // Screen readers hear where they are; the next Tab reaches the links.
  useEffect(() => title.current?.focus(), []);
  // Intl formats in another language where the browser lacks this one (Belarusian in Chromium): then no
  // words of its own (zone name, month names), and the day names come from the translation anyway.
  const ownWords = intl === lng;
  const tel = telHref(contact.phone);
  const hours = useMemo(
    () =>
      openingHours && {
        rows: weekRows(openingHours, intl, [
          t('contact.weekday.mon'),
          t('contact.weekday.tue'),
          t('contact.weekday.wed'),
          t('contact.weekday.thu'),
          t('contact.weekday.fri'),
          t('contact.weekday.sat'),
          t('contact.weekday.sun'),
        ]),
        zone: ownWords ? timeZoneName(openingHours.timeZone, intl) : timeZoneOffset(openingHours.timeZone),
        holidays: upcomingHolidays(openingHours, intl, { numeric: !ownWords }),
      },
    [openingHours, intl, t, ownWords],
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
              {/* Numbers and addresses read left to right in every language: "+1 555 0100" must not become "0100 555 1+". */}
              {tel ? (
                <a href={tel} dir="ltr">
                  {contact.phone}
                </a>
              ) : (
                <span dir="ltr">{contact.phone}</span>
              )}
            </dd>
          </>
        )}
        {contact.email && (
          <>
            <dt>{t('contact.email')}</dt>
            <dd>
              <a href={`mailto:${contact.email}`} dir="ltr">
                {contact.email}
              </a>
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
              {contact.hoursNote && (
                <p class="contact__note" dir="auto">
                  {contact.hoursNote}
                </p>
              )}
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

export default ContactCard;
