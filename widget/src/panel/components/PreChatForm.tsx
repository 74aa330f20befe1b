/**
 * The pre-chat form, as the site configures it: name, e-mail and department, each off, optional or
 * required. With only optional fields it never blocks the composer and can be skipped; with a
 * required one the chat starts once it is filled in. The department goes with the first message.
 */
import { isEmailAddress, type PublicSiteConfig } from '@parley/shared';
import { useState } from 'preact/hooks';
import type { PartProps } from '../chat-actions';
import { useTranslation } from '../i18n-context';
import type { PrechatField, PrechatView } from '../panel-view';
import { Field, useArrival } from './FormCard';

export interface PreChatFormProps extends PartProps {
  view: PrechatView;
  site: Pick<PublicSiteConfig, 'prechat' | 'departments'>;
}

type Answers = Partial<Record<PrechatField, string>>;

export function PreChatForm({ view, site, store, actions }: PreChatFormProps) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Answers>({});
  // The fields to fix, all found at once: a required one left blank (spaces count as blank), and an
  // e-mail checked as the server checks it (a refused e-mail would make it refuse the name with it).
  const [invalid, setInvalid] = useState<PrechatField[]>([]);
  const required = (field: PrechatField) => site.prechat[field] === 'required';
  const input = (field: PrechatField) => ({
    name: field,
    value: answers[field] ?? '',
    required: required(field),
    'aria-invalid': invalid.includes(field),
    onInput: (event: { currentTarget: { value: string } }) => {
      setInvalid((current) => current.filter((other) => other !== field));
      setAnswers((current) => ({ ...current, [field]: event.currentTarget.value }));
    },
  });
  const errorIn = (field: PrechatField) => invalid.includes(field) && t(`invalid.${field}`);
  // "(optional)" is said only when some field is required.
  const label = (field: PrechatField) => {
    const text = t(`prechat.${field}`);
    return view.required && !required(field) ? `${text} (${t('prechat.optional')})` : text;
  };
  const skip = () => store.setIntroduced(null);
  const form = useArrival(store);

  return (
    <form
      ref={form}
      // The browser's own bubbles name one field at a time, and take "   " for a name: the form says what to fix itself.
      noValidate
      class="card"
      aria-labelledby="parley-prechat-intro"
      data-testid="prechat-form"
      onSubmit={(event) => {
        event.preventDefault();
        const given = Object.fromEntries(
          view.fields.map((field) => [field, answers[field]?.trim() ?? '']).filter(([, value]) => value),
        ) as Answers;
        const found = view.fields.filter(
          (field) => (required(field) && !given[field]) || (field === 'email' && !!given.email && !isEmailAddress(given.email)),
        );
        setInvalid(found);
        const first = found[0] && event.currentTarget.elements.namedItem(found[0]);
        if (first instanceof HTMLElement) first.focus();
        if (found.length > 0) return;
        if (given.department) store.update({ departmentId: given.department });
        if (given.name || given.email) void actions.identify({ name: given.name, email: given.email });
        else skip();
      }}
    >
      <p id="parley-prechat-intro" class="card__intro">
        {t(view.required ? 'prechat.introRequired' : 'prechat.intro')}
      </p>
      {view.fields.includes('name') && (
        <Field label={label('name')} error={errorIn('name')}>
          <input type="text" autoComplete="name" maxLength={120} {...input('name')} />
        </Field>
      )}
      {view.fields.includes('email') && (
        <Field label={label('email')} error={errorIn('email')}>
          <input type="email" autoComplete="email" maxLength={254} {...input('email')} />
        </Field>
      )}
      {view.fields.includes('department') && (
        <Field label={label('department')} error={errorIn('department')}>
          <select {...input('department')}>
            <option value="">{t('prechat.chooseDepartment')}</option>
            {site.departments.map((department) => (
              <option key={department.id} value={department.id}>
                {department.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      <div class="card__actions">
        {!view.required && (
          <button type="button" class="link-button" onClick={skip}>
            {t('prechat.skip')}
          </button>
        )}
        <button type="submit" class="button">
          {t(view.required ? 'prechat.start' : 'prechat.save')}
        </button>
      </div>
    </form>
  );
}

export default PreChatForm;
