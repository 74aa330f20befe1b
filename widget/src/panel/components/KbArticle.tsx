/**
 * A knowledge-base article read inside the panel. The server sanitises its HTML; it is shown in a
 * sandboxed frame anyway (no scripts, an opaque origin, links open in a new tab), so nothing in it
 * can reach the panel, its storage or its socket.
 */
import type { KbPublicArticle, KbPublicArticleSummary } from '@parley/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ChatActions } from '../chat-actions';
import { useTranslation } from '../i18n-context';

export interface KbArticleProps {
  summary: KbPublicArticleSummary;
  actions: ChatActions;
  /** `solved`: the visitor said it answered them; `human`: they want a person; null: back to the chat. */
  onDone: (outcome: 'solved' | 'human' | null) => void;
}

const FRAME_HEAD =
  '<!doctype html><meta charset="utf-8"><base target="_blank">' +
  '<style>body{margin:0;font:14px/1.5 system-ui,sans-serif;color:#1f2937;overflow-wrap:anywhere}' +
  'img{max-width:100%;height:auto}pre{white-space:pre-wrap}</style>';

/** The document the frame shows: our head, then the server's sanitised article body. */
export const articleDocument = (html: string): string => FRAME_HEAD + html;

/**
 * The article covers the chat (a modal dialog): Tab from its last control goes back to its first,
 * Shift+Tab from its first to its last, rather than to the composer hidden behind it.
 */
function keepFocusIn(dialog: HTMLElement, event: KeyboardEvent): void {
  const stops = [...dialog.querySelectorAll<HTMLElement>('button:not([disabled]), iframe, a[href]')];
  const first = stops[0];
  const last = stops[stops.length - 1];
  const active = dialog.ownerDocument.activeElement;
  const to = event.shiftKey ? (active === first || !dialog.contains(active) ? last : null) : active === last ? first : null;
  if (!to) return;
  event.preventDefault();
  to.focus();
}

export function KbArticle({ summary, actions, onDone }: KbArticleProps) {
  const { t } = useTranslation();
  const [article, setArticle] = useState<KbPublicArticle | null | 'failed'>(null);
  const [voted, setVoted] = useState(false);
  const back = useRef<HTMLButtonElement>(null);
  const articleId = summary.id;

  const load = (): void => {
    setArticle(null);
    void actions.ask('kb:article', { articleId }).then((result) => setArticle(result?.ok ? result.data : 'failed'));
  };
  useEffect(load, [articleId]);
  useEffect(() => back.current?.focus(), []);

  const vote = (helpful: boolean): void => {
    setVoted(true);
    void actions.ask('kb:vote', { articleId, helpful });
  };
  const finish = (outcome: 'solved' | 'human'): void => {
    void actions.ask('kb:deflection', { articleId, outcome });
    onDone(outcome);
  };

  return (
    <div
      class="kb-article"
      role="dialog"
      aria-modal="true"
      aria-labelledby="parley-kb-title"
      data-testid="kb-article"
      onKeyDown={(event) => {
        if (event.key === 'Tab') keepFocusIn(event.currentTarget, event);
        if (event.key !== 'Escape') return;
        // The panel closes on Escape unless someone took it: here it only closes the article.
        event.preventDefault();
        onDone(null);
      }}
    >
      <button ref={back} type="button" class="link-button" onClick={() => onDone(null)}>
        {t('back')}
      </button>
      <h2 id="parley-kb-title" class="kb-article__title" dir="auto">
        {summary.title}
      </h2>
      {article === 'failed' ? (
        <button type="button" class="link-button" onClick={load}>
          {t('errors.generic')} {t('status.retry')}
        </button>
      ) : article === null ? (
        <p role="status">{t('kb.loading')}</p>
      ) : (
        <iframe
          class="kb-article__frame"
          title={article.title}
          sandbox="allow-popups allow-popups-to-escape-sandbox"
          srcdoc={articleDocument(article.html)}
        />
      )}
      <div class="kb-article__feedback">
        {voted ? (
          <p role="status">{t('kb.thanks')}</p>
        ) : (
          <p>
            {t('kb.helpful')}{' '}
            <button type="button" class="link-button" onClick={() => vote(true)}>
              {t('kb.yes')}
            </button>{' '}
            <button type="button" class="link-button" onClick={() => vote(false)}>
              {t('kb.no')}
            </button>
          </p>
        )}
        <div class="kb-article__actions">
          <button type="button" class="kb-button" onClick={() => finish('solved')}>
            {t('kb.solved')}
          </button>
          <button type="button" class="kb-button kb-button--secondary" onClick={() => finish('human')}>
            {t('kb.human')}
          </button>
        </div>
      </div>
    </div>
  );
}
