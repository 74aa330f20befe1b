/**
 * Contact data (admins): find a contact by e-mail address or visitor id, see what is stored, export
 * it as a JSON file, or erase it after a confirmation that names what will go; and the erasure log.
 */
import type { ContactLookup, ContactRecordKind, ContactSummary, ErasureRecord, ErrorCode } from '@parley/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { errorCodeOf } from '../../api/api-error';
import { createPrivacyClient } from '../../api/privacy.client';
import { useConsole, useT } from '../../state/console-context';
import { ConfirmDialog } from '../confirm-dialog';
import { IdentityBadge } from '../identity-badge';
import { formatMessageTime } from '../time-format';
import { useBusyAction } from '../use-busy-action';

/** The kinds in the order the console lists them (a test holds them equal to the contract's). */
export const RECORD_KINDS: readonly ContactRecordKind[] = [
  'visitors', 'conversations', 'messages', 'attachments', 'tickets', 'ticketEvents', 'kbFeedback', 'emails',
];

type LookupKind = 'email' | 'visitorId';

/** Saves the export as a file: the browser's own download, from memory. */
function download(fileName: string, data: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function PrivacyAdmin() {
  const { session, translator } = useConsole();
  const t = useT();
  const token = session.token.value ?? '';
  const client = useMemo(() => createPrivacyClient({ token }), [token]);
  const [kind, setKind] = useState<LookupKind>('email');
  const [value, setValue] = useState('');
  const [summary, setSummary] = useState<ContactSummary | null>(null);
  const [erasures, setErasures] = useState<ErasureRecord[] | null>(null);
  const [erased, setErased] = useState<ErasureRecord | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  const { busy, run: act } = useBusyAction(setError, () => setError(null));
  const when = (at: string) => formatMessageTime(at, translator.language.value);

  useEffect(() => {
    client.listErasures().then(setErasures, (failure: unknown) => setError(errorCodeOf(failure)));
  }, [client]);


  const find = (event: Event) => {
    event.preventDefault();
    const trimmed = value.trim();
    if (!trimmed) return;
    const lookup: ContactLookup = kind === 'email' ? { email: trimmed } : { visitorId: trimmed };
    return act(async () => {
      setErased(null);
      setSummary(null);
      setSummary(await client.summarize(lookup));
    });
  };

  const exportContact = (found: ContactSummary) =>
    act(async () => {
      const exported = await client.exportContact(found.lookup);
      download(`parley-contact-${exported.exportedAt.slice(0, 10)}.json`, exported);
    });

  async function erase(found: ContactSummary) {
    const record = await client.erase(found.lookup);
    setErased(record);
    setSummary(null);
    setConfirming(false);
    setErasures((list) => [record, ...(list ?? [])]);
  }

  const counted = (counts: Record<ContactRecordKind, number>) =>
    RECORD_KINDS.filter((k) => counts[k] > 0).map((k) => `${t(`privacy.labels.${k}`)}: ${counts[k]}`);
  const total = (counts: Record<ContactRecordKind, number>) => RECORD_KINDS.reduce((sum, k) => sum + counts[k], 0);

  return (
    <section class="admin-section" aria-labelledby="privacy-title" data-testid="privacy-admin">
      <header class="admin-section__header">
        <h1 id="privacy-title">{t('privacy.title')}</h1>
      </header>
      <p class="admin-section__note">{t('privacy.explain')}</p>
      {error && (
        <p class="form-error" role="alert">
          {t(`errors.${error}`)}
        </p>
      )}
      <form class="inline-form" onSubmit={find} data-testid="privacy-lookup">
        <label class="field">
          <span class="field__label">{t('privacy.findBy')}</span>
          <select value={kind} onChange={(event) => setKind((event.currentTarget as HTMLSelectElement).value as LookupKind)}>
            <option value="email">{t('privacy.byEmail')}</option>
            <option value="visitorId">{t('privacy.byVisitor')}</option>
          </select>
        </label>
        <label class="field">
          <span class="field__label">{kind === 'email' ? t('privacy.byEmail') : t('privacy.byVisitor')}</span>
          <input
            type={kind === 'email' ? 'email' : 'text'}
            value={value}
            required
            onInput={(event) => setValue((event.currentTarget as HTMLInputElement).value)}
            data-testid="privacy-lookup-value"
          />
        </label>
        <button type="submit" class="button button--primary" disabled={busy}>
          {t('privacy.find')}
        </button>
      </form>

      {erased && (
        <p class="privacy-result" role="status" data-testid="privacy-erased">
          {total(erased.counts) > 0 ? t('privacy.erased', { list: counted(erased.counts).join(', ') }) : t('privacy.nothingErased')}
        </p>
      )}

      {summary && (
        <div class="privacy-summary" data-testid="privacy-summary">
          <h2 class="privacy-summary__title">{t('privacy.stored')}</h2>
          {summary.visitors.length > 0 && (
            <ul class="privacy-summary__visitors">
              {summary.visitors.map((v) => (
                <li key={v.id}>
                  <span dir="auto">{v.name ?? t('privacy.noName')}</span> · {v.email ?? '—'} · <code>{v.id}</code>{' '}
                  <IdentityBadge visitor={v} />
                </li>
              ))}
            </ul>
          )}
          {total(summary.counts) === 0 ? (
            <p>{t('privacy.nothing')}</p>
          ) : (
            <>
              <dl class="privacy-summary__counts">
                {RECORD_KINDS.map((k) => (
                  <div key={k} class="privacy-summary__count" data-testid={`privacy-count-${k}`}>
                    <dt>{t(`privacy.labels.${k}`)}</dt>
                    <dd>{summary.counts[k]}</dd>
                  </div>
                ))}
              </dl>
              <div class="privacy-summary__actions">
                <button type="button" class="button" disabled={busy} onClick={() => void exportContact(summary)} data-testid="privacy-export">
                  {t('privacy.export')}
                </button>
                <button type="button" class="button button--danger" disabled={busy} onClick={() => setConfirming(true)} data-testid="privacy-erase">
                  {t('privacy.erase')}
                </button>
              </div>
            </>
          )}
        </div>
      )}
      {confirming && summary && (
        <ConfirmDialog
          title={t('privacy.confirmTitle')}
          text={t('privacy.confirmText', { list: counted(summary.counts).join(', ') })}
          confirmLabel={t('privacy.erase')}
          danger
          onConfirm={() => erase(summary)}
          onClose={() => setConfirming(false)}
        />
      )}

      <h2 class="privacy-log__title">{t('privacy.log')}</h2>
      {erasures && erasures.length === 0 && <p class="admin-section__note">{t('privacy.logEmpty')}</p>}
      {erasures && erasures.length > 0 && (
        <div class="admin-table__scroller">
          <table class="admin-table" data-testid="erasure-log">
            <thead>
              <tr>
                <th scope="col">{t('privacy.when')}</th>
                <th scope="col">{t('privacy.who')}</th>
                <th scope="col">{t('privacy.what')}</th>
              </tr>
            </thead>
            <tbody>
              {erasures.map((e) => (
                <tr key={e.id}>
                  <td>{when(e.at)}</td>
                  <td>{e.actor.kind === 'agent' ? (e.actorName ?? '—') : t(`privacy.actors.${e.actor.kind}`)}</td>
                  <td>{total(e.counts) > 0 ? counted(e.counts).join(', ') : t('privacy.nothingErased')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
