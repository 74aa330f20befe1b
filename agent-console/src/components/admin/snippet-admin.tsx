/** The line to paste into the site's pages, with a copy button. */
import { useRef } from 'preact/hooks';
import { useT } from '../../state/console-context';
import { CopyButton } from '../copy-button';

export function SnippetAdmin({ snippet, siteKey, identitySecret }: { snippet: string; siteKey: string; identitySecret: string | null }) {
  const t = useT();
  const code = useRef<HTMLElement>(null);
  const select = () => {
    const element = code.current;
    const selection = window.getSelection();
    if (!element || !selection) return;
    const range = document.createRange();
    range.selectNodeContents(element);
    selection.removeAllRanges();
    selection.addRange(range);
  };
  return (
    <section class="admin-section" aria-labelledby="snippet-title" data-testid="snippet-admin">
      <header class="admin-section__header">
        <h1 id="snippet-title">{t('snippet.title')}</h1>
      </header>
      <p class="admin-section__note">{t('snippet.explain')}</p>
      <pre class="snippet" dir="ltr">
        <code ref={code} data-testid="snippet-code">
          {snippet}
        </code>
      </pre>
      <CopyButton text={snippet} label={t('snippet.copy')} selectFallback={select} testId="copy-snippet" />
      <p class="admin-section__note">{t('snippet.siteKey', { key: siteKey })}</p>
      {identitySecret && (
        <>
          <h2 class="snippet__subtitle">{t('snippet.identityTitle')}</h2>
          <p class="admin-section__note">{t('snippet.identityExplain')}</p>
          <pre class="snippet" dir="ltr">
            <code data-testid="identity-secret">{identitySecret}</code>
          </pre>
          <CopyButton text={identitySecret} label={t('snippet.identityCopy')} testId="copy-identity-secret" />
        </>
      )}
    </section>
  );
}
