/**
 * Canned replies by scope: the agent's own, the whole team's, each department's. Everyone keeps
 * personal ones; admins keep the shared ones.
 */
import type { CannedReply, Department, ErrorCode } from '@parley/shared';
import { useState } from 'preact/hooks';
import { ApiError, errorCodeOf } from '../../api/api-error';
import { useConsole, useLive, useT } from '../../state/console-context';
import { ConfirmDialog } from '../confirm-dialog';
import { Dialog } from '../dialog';

const SHORTCUT = /^[\p{L}\p{N}_-]{1,40}$/u;
const PERSONAL = 'personal';
const EVERYONE = 'everyone';

/** personal | everyone | a department id */
type Scope = string;

function scopeOf(reply: CannedReply): Scope {
  return reply.ownerAgentId ? PERSONAL : (reply.departmentId ?? EVERYONE);
}

function ReplyEditor(props: {
  reply?: CannedReply;
  scopes: { value: Scope; label: string }[];
  onClose(): void;
}) {
  const live = useLive();
  const t = useT();
  const [shortcut, setShortcut] = useState(props.reply?.shortcut ?? '');
  const [text, setText] = useState(props.reply?.text ?? '');
  const [scope, setScope] = useState<Scope>(props.reply ? scopeOf(props.reply) : PERSONAL);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ code: ErrorCode; detail?: string; shortcut: string } | null>(null);
  const shortcutOk = SHORTCUT.test(shortcut.trim());
  // The server compares shortcuts regardless of case within the scope; said by the field, not below the form.
  const taken = error?.code === 'ALREADY_TAKEN' ? error.shortcut : null;

  async function submit(event: Event) {
    event.preventDefault();
    if (!shortcutOk || !text.trim()) return;
    setBusy(true);
    setError(null);
    try {
      await live.saveCanned({
        ...(props.reply ? { id: props.reply.id } : {}),
        shortcut: shortcut.trim(),
        text: text.trim(),
        personal: scope === PERSONAL,
        departmentId: scope === PERSONAL || scope === EVERYONE ? null : scope,
      });
      props.onClose();
    } catch (failure) {
      setError({
        code: errorCodeOf(failure),
        detail: failure instanceof ApiError ? failure.message : undefined,
        shortcut: shortcut.trim(),
      });
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={props.reply ? t('canned.editTitle') : t('canned.addTitle')}
      onClose={props.onClose}
      testId="canned-editor"
      wide
    >
      <form class="dialog__form" onSubmit={submit}>
        <div class="field">
          <label class="field__label" for="canned-shortcut">
            {t('canned.shortcut')}
          </label>
          <span class="prefixed">
            <span aria-hidden="true">/</span>
            <input
              id="canned-shortcut"
              type="text"
              required
              maxLength={40}
              value={shortcut}
              aria-invalid={(shortcut !== '' && !shortcutOk) || taken !== null}
              aria-describedby={taken !== null ? 'canned-shortcut-taken canned-shortcut-hint' : 'canned-shortcut-hint'}
              onInput={(e) => {
                setShortcut(e.currentTarget.value.replace(/^\//, ''));
                if (taken !== null) setError(null);
              }}
              data-testid="canned-shortcut"
            />
          </span>
          {taken !== null && (
            <span id="canned-shortcut-taken" class="field__hint field__hint--error" role="alert" data-code="ALREADY_TAKEN">
              {t('canned.shortcutTaken', { shortcut: taken })}
            </span>
          )}
          {/* The rule turns red while the typed shortcut breaks it, beside the field's red border. */}
          <span id="canned-shortcut-hint" class={`field__hint${shortcut !== '' && !shortcutOk ? ' field__hint--error' : ''}`}>
            {t('canned.shortcutHint')}
          </span>
        </div>
        <label class="field">
          <span class="field__label">{t('canned.text')}</span>
          <textarea
            rows={5}
            required
            maxLength={5000}
            dir="auto"
            value={text}
            onInput={(e) => setText(e.currentTarget.value)}
            data-testid="canned-text"
          />
        </label>
        <label class="field">
          <span class="field__label">{t('canned.scope')}</span>
          <select value={scope} onChange={(e) => setScope(e.currentTarget.value)} data-testid="canned-scope">
            {props.scopes.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        {error && taken === null && (
          <p class="form-error" role="alert" data-code={error.code}>
            {t(`errors.${error.code}`)}
            {error.code === 'VALIDATION_FAILED' && error.detail && <span> {error.detail}</span>}
          </p>
        )}
        <div class="dialog__actions">
          <button type="button" class="button button--quiet" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" class="button button--primary" disabled={busy || !shortcutOk || !text.trim()}>
            {t('common.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function groupsOf(
  replies: readonly CannedReply[],
  departments: readonly Department[],
  labels: { personal: string; everyone: string },
) {
  const groups = [
    { scope: PERSONAL, title: labels.personal },
    { scope: EVERYONE, title: labels.everyone },
    ...departments.map((d) => ({ scope: d.id, title: d.name })),
  ];
  return groups.map((group) => ({ ...group, replies: replies.filter((r) => scopeOf(r) === group.scope) }));
}

export function CannedRepliesAdmin() {
  const { session } = useConsole();
  const live = useLive();
  const t = useT();
  const me = session.agent.value;
  const isAdmin = me?.role === 'admin';
  const [editing, setEditing] = useState<{ reply?: CannedReply } | null>(null);
  const [deleting, setDeleting] = useState<CannedReply | null>(null);
  const departments = live.departments.list.value;
  const mayEdit = (reply: CannedReply) => (reply.ownerAgentId ? reply.ownerAgentId === me?.id : isAdmin);
  const scopes = [
    { value: PERSONAL, label: t('canned.personal') },
    ...(isAdmin
      ? [
          { value: EVERYONE, label: t('canned.everyone') },
          ...departments.map((d) => ({ value: d.id, label: t('canned.department', { name: d.name }) })),
        ]
      : []),
  ];
  const groups = groupsOf(live.canned.replies.value, departments, {
    personal: t('canned.personal'),
    everyone: t('canned.everyone'),
  });

  return (
    <section class="admin-section" aria-labelledby="canned-title" data-testid="canned-admin">
      <header class="admin-section__header">
        <h1 id="canned-title">{t('canned.title')}</h1>
        <button
          type="button"
          class="button button--primary"
          onClick={() => setEditing({})}
          data-testid="add-canned"
        >
          {t('canned.add')}
        </button>
      </header>
      <p class="admin-section__note">{t('canned.explain')}</p>
      {groups
        .filter(
          (group) =>
            group.replies.length > 0 || group.scope === PERSONAL || (isAdmin && group.scope === EVERYONE),
        )
        .map((group) => (
          <section
            key={group.scope}
            class="canned-group"
            aria-label={group.title}
            data-testid={`canned-group-${group.scope}`}
          >
            <h2 class="settings-section__title">{group.title}</h2>
            {group.replies.length === 0 ? (
              <p class="muted">{t('canned.none')}</p>
            ) : (
              <ul class="admin-list">
                {group.replies.map((reply) => (
                  <li key={reply.id} class="admin-list__item canned-item" data-testid="canned-item">
                    <span class="canned-item__shortcut" dir="ltr">
                      /{reply.shortcut}
                    </span>
                    <span class="canned-item__text" dir="auto">
                      {reply.text}
                    </span>
                    {mayEdit(reply) && (
                      <span class="admin-table__actions">
                        <button
                          type="button"
                          class="button button--small"
                          aria-label={t('canned.editOne', { shortcut: reply.shortcut })}
                          onClick={() => setEditing({ reply })}
                        >
                          {t('common.edit')}
                        </button>
                        <button
                          type="button"
                          class="button button--small button--quiet"
                          aria-label={t('canned.deleteOne', { shortcut: reply.shortcut })}
                          onClick={() => setDeleting(reply)}
                        >
                          {t('common.delete')}
                        </button>
                      </span>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))}
      {editing && <ReplyEditor reply={editing.reply} scopes={scopes} onClose={() => setEditing(null)} />}
      {deleting && (
        <ConfirmDialog
          title={t('canned.deleteTitle', { shortcut: deleting.shortcut })}
          text={deleting.text}
          confirmLabel={t('common.delete')}
          danger
          onConfirm={async () => {
            await live.deleteCanned(deleting.id);
            setDeleting(null);
          }}
          onClose={() => setDeleting(null)}
        />
      )}
    </section>
  );
}
