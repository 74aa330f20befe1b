/** What visitors are asked and shown: the pre-chat form, the contact card, where the widget may run. */
import { isPhoneNumber, type ContactCard, type PrechatForm, type SiteSettingsPatch } from '@parley/shared';
import { useState } from 'preact/hooks';
import { useT } from '../../../state/console-context';
import type { SettingsPartProps } from './routing-settings';
import { SettingsSection } from './settings-section';

const RULES = ['off', 'optional', 'required'] as const satisfies readonly PrechatForm['name'][];
const PRECHAT_FIELDS = ['name', 'email', 'department'] as const satisfies readonly (keyof PrechatForm)[];
const ORIGIN = /^https?:\/\/[^/\s]+$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const MAX_ORIGINS = 50;

export function PrechatSettings({ settings, save, readOnly }: SettingsPartProps) {
  const t = useT();
  const [form, setForm] = useState<PrechatForm>(settings.prechat);
  return (
    <SettingsSection
      id="prechat"
      title={t('settings.prechat.title')}
      description={t('settings.prechat.explain')}
      patch={() => ({ prechat: form })}
      save={save}
      readOnly={readOnly}
    >
      <div class="field-row">
        {PRECHAT_FIELDS.map((field) => (
          <label key={field} class="field">
            <span class="field__label">{t(`settings.prechat.${field}`)}</span>
            <select
              value={form[field]}
              onChange={(e) => {
                const rule = RULES.find((r) => r === e.currentTarget.value) ?? 'off';
                setForm((current) => ({ ...current, [field]: rule }));
              }}
              data-testid={`prechat-${field}`}
            >
              {RULES.map((rule) => (
                <option key={rule} value={rule}>
                  {t(`settings.prechat.rules.${rule}`)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
    </SettingsSection>
  );
}

export function ContactSettings({ settings, save, readOnly }: SettingsPartProps) {
  const t = useT();
  const [card, setCard] = useState<ContactCard>(settings.contact);
  const email = card.email.trim();
  const emailOk = email === '' || EMAIL.test(email);
  const phone = card.phone.trim();
  // The server's rule (a card stored before it still loads, and is judged again once edited).
  const phoneOk = phone === '' || isPhoneNumber(phone);
  const set = (key: keyof ContactCard, value: string) => setCard((current) => ({ ...current, [key]: value }));
  const patch = (): SiteSettingsPatch | null =>
    emailOk && phoneOk
      ? { contact: { phone, email, hoursNote: card.hoursNote.trim() } }
      : null;
  return (
    <SettingsSection
      id="contact"
      title={t('settings.contact.title')}
      description={t('settings.contact.explain')}
      patch={patch}
      save={save}
      readOnly={readOnly}
    >
      <div class="field-row">
        <div class="field">
          <label class="field__label" for="contact-phone">
            {t('settings.contact.phone')}
          </label>
          <input
            id="contact-phone"
            type="tel"
            maxLength={40}
            value={card.phone}
            aria-invalid={!phoneOk}
            aria-describedby={phoneOk ? undefined : 'contact-phone-error'}
            onInput={(e) => set('phone', e.currentTarget.value)}
            data-testid="contact-phone"
          />
          {!phoneOk && (
            <span id="contact-phone-error" class="field__hint field__hint--error" role="alert">
              {t('settings.contact.phoneInvalid')}
            </span>
          )}
        </div>
        <div class="field">
          <label class="field__label" for="contact-email">
            {t('login.email')}
          </label>
          <input
            id="contact-email"
            type="email"
            maxLength={254}
            value={card.email}
            aria-invalid={!emailOk}
            aria-describedby={emailOk ? undefined : 'contact-email-error'}
            onInput={(e) => set('email', e.currentTarget.value)}
            data-testid="contact-email"
          />
          {!emailOk && (
            <span id="contact-email-error" class="field__hint field__hint--error" role="alert">
              {t('settings.contact.emailInvalid')}
            </span>
          )}
        </div>
      </div>
      <label class="field">
        <span class="field__label">{t('settings.contact.hoursNote')}</span>
        <input
          type="text"
          maxLength={200}
          value={card.hoursNote}
          placeholder={t('settings.contact.hoursNotePlaceholder')}
          onInput={(e) => set('hoursNote', e.currentTarget.value)}
        />
      </label>
    </SettingsSection>
  );
}

/**
 * One origin per line (a comma also separates, for a pasted list): a line with spaces in it is one
 * bad entry, named whole, not split into words that each look like a bad origin.
 */
export function parseOrigins(text: string): { origins: string[]; invalid: string[] } {
  const lines = [
    ...new Set(
      text
        .split(/[\n,]/)
        .map((line) => line.trim().replace(/\/$/, ''))
        .filter(Boolean),
    ),
  ];
  return {
    origins: lines.filter((line) => ORIGIN.test(line)),
    invalid: lines.filter((line) => !ORIGIN.test(line)),
  };
}

export function OriginsSettings({ settings, save, readOnly }: SettingsPartProps) {
  const t = useT();
  const [text, setText] = useState(settings.allowedOrigins.join('\n'));
  const { origins, invalid } = parseOrigins(text);
  const ok = invalid.length === 0 && origins.length <= MAX_ORIGINS;
  return (
    <SettingsSection
      id="origins"
      title={t('settings.origins.title')}
      description={t('settings.origins.explain')}
      patch={() => (ok ? { allowedOrigins: origins } : null)}
      save={save}
      readOnly={readOnly}
    >
      <div class="field">
        <label class="field__label" for="allowed-origins">
          {t('settings.origins.label')}
        </label>
        <textarea
          id="allowed-origins"
          rows={4}
          value={text}
          placeholder={'https://shop.example\nhttps://www.shop.example'}
          aria-invalid={!ok}
          aria-describedby="origins-hint"
          onInput={(e) => setText(e.currentTarget.value)}
          data-testid="allowed-origins"
        />
        <span id="origins-hint" class={`field__hint${ok ? '' : ' field__hint--error'}`}>
          {invalid.length > 0
            ? t('settings.origins.invalid', { origins: invalid.join(', ') })
            : origins.length === 0
              ? t('settings.origins.any')
              : t('settings.origins.hint')}
        </span>
      </div>
    </SettingsSection>
  );
}
