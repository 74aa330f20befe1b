/** A ticket's tags as removable chips, and a field that adds one on Enter or comma. */
import { useState } from 'preact/hooks';
import { useT } from '../../state/console-context';

// The shared TagSchema, restated: letters, digits, _ or -, at most 40, lower case, 20 per ticket.
const TAG = /^[\p{L}\p{N}_-]{1,40}$/u;
export const MAX_TAGS = 20;

export function TagEditor(props: {
  tags: readonly string[];
  busy: boolean;
  onChange(tags: string[]): Promise<boolean>;
}) {
  const t = useT();
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState(false);

  async function add() {
    const tag = draft.trim().toLowerCase();
    if (!tag) return;
    if (!TAG.test(tag) || props.tags.length >= MAX_TAGS) return setInvalid(true);
    setInvalid(false);
    if (props.tags.includes(tag)) return setDraft('');
    if (await props.onChange([...props.tags, tag])) setDraft('');
  }

  return (
    <div class="property">
      <span class="property__label" id="ticket-tags-label">
        {t('ticket.tags')}
      </span>
      <ul class="tags" aria-labelledby="ticket-tags-label" data-testid="ticket-tags">
        {props.tags.map((tag) => (
          <li key={tag} class="tag">
            {tag}
            <button
              type="button"
              class="tag__remove"
              aria-label={t('ticket.removeTag', { tag })}
              disabled={props.busy}
              onClick={() => void props.onChange(props.tags.filter((known) => known !== tag))}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      <input
        type="text"
        value={draft}
        aria-label={t('ticket.addTag')}
        placeholder={t('ticket.addTag')}
        aria-invalid={invalid}
        aria-describedby={invalid ? 'ticket-tag-hint' : undefined}
        disabled={props.busy}
        onInput={(e) => {
          setDraft(e.currentTarget.value.replace(',', ''));
          setInvalid(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            void add();
          }
        }}
        data-testid="ticket-tag-input"
      />
      {invalid && (
        <span id="ticket-tag-hint" class="property__hint">
          {t('ticket.tagHint')}
        </span>
      )}
    </div>
  );
}
