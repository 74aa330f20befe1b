/**
 * An optional introduction shown before the first message: name and e-mail for the agents. It never
 * blocks the composer, and it is not shown once the visitor (or the host page) has said who they are.
 */
import { useState } from 'preact/hooks';
import { useTranslation } from '../i18n-context';

export interface PreChatFormProps {
  onIntroduce: (identity: { name?: string; email?: string }) => void;
  onSkip: () => void;
}

export function PreChatForm({ onIntroduce, onSkip }: PreChatFormProps) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  return (
    <form
      class="prechat"
      aria-labelledby="parley-prechat-intro"
      onSubmit={(event) => {
        event.preventDefault();
        const identity = { name: name.trim() || undefined, email: email.trim() || undefined };
        if (identity.name || identity.email) onIntroduce(identity);
        else onSkip();
      }}
    >
      <p id="parley-prechat-intro" class="prechat__intro">
        {t('prechat.intro')}
      </p>
      <label class="prechat__field">
        <span>{t('prechat.name')}</span>
        <input type="text" autoComplete="name" maxLength={120} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      </label>
      <label class="prechat__field">
        <span>{t('prechat.email')}</span>
        <input
          type="email"
          autoComplete="email"
          maxLength={254}
          value={email}
          onInput={(e) => setEmail(e.currentTarget.value)}
        />
      </label>
      <div class="prechat__actions">
        <button type="button" class="link-button" onClick={onSkip}>
          {t('prechat.skip')}
        </button>
        <button type="submit" class="button">
          {t('prechat.save')}
        </button>
      </div>
    </form>
  );
}
