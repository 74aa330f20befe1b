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
  // Checked as the server checks it: a refused e-mail would make it refuse the name with it.
  const [badEmail, setBadEmail] = useState(false);
  const required = (field: PrechatField) => site.prechat[field] === 'required';
  const input = (field: PrechatField) => ({
    value: answers[field] ?? '',
    required: required(field),
    onInput: (event: { currentTarget: { value: string } }) => {
      if (field === 'email') setBadEmail(false);
      setAnswers((current) => ({ ...current, [field]: event.currentTarget.value }));
    },
  });
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
      class="card"
      aria-labelledby="parley-prechat-intro"
      data-testid="prechat-form"
      onSubmit={(event) => {
        event.preventDefault();
        const given = Object.fromEntries(
          view.fields.map((field) => [field, answers[field]?.trim() ?? '']).filter(([, value]) => value),
        ) as Answers;
        if (view.fields.some((field) => required(field) && !given[field])) return;
        if (given.email && !isEmailAddress(given.email)) return setBadEmail(true);
        if (given.department) store.update({ departmentId: given.department });
        if (given.name || given.email) void actions.identify({ name: given.name, email: given.email });
        else skip();
      }}
    >
      <p id="parley-prechat-intro" class="card__intro">
        {t(view.required ? 'prechat.introRequired' : 'prechat.intro')}
      </p>
      {view.fields.includes('name') && (
        <Field label={label('name')}>
          <input type="text" autoComplete="name" maxLength={120} {...input('name')} />
        </Field>
      )}
      {view.fields.includes('email') && (
        <Field label={label('email')} error={badEmail && t('invalid.email')}>
          <input type="email" autoComplete="email" maxLength={254} aria-invalid={badEmail} {...input('email')} />
        </Field>
      )}
      {view.fields.includes('department') && (
        <Field label={label('department')}>
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
