/** API tokens (admins): create one (shown once), see which exist and when they were last used, revoke. */
import type { ApiToken, ApiTokenScope, CreatedApiToken, ErrorCode } from '@parley/shared';
import { useEffect, useState } from 'preact/hooks';
import { errorCodeOf } from '../../api/api-error';
import { useConsole, useT } from '../../state/console-context';
import { ConfirmDialog } from '../confirm-dialog';
import { formatMessageTime } from '../time-format';
import { useBusyAction } from '../use-busy-action';
import { OneTimeSecret } from './one-time-secret';
import { useIntegrations } from './use-integrations';

export function ApiTokensAdmin() {
  const client = useIntegrations();
  const { translator } = useConsole();
  const t = useT();
  const [tokens, setTokens] = useState<ApiToken[] | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiTokenScope>('read');
  const { busy, run: act } = useBusyAction(setError, () => setError(null));
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const when = (at: string | null) => (at ? formatMessageTime(at, translator.language.value) : '—');

  useEffect(() => {
    client.listTokens().then(setTokens, (failure: unknown) => setError(errorCodeOf(failure)));
  }, [client]);


  const create = (event: Event) => {
    event.preventDefault();
    if (!name.trim()) return;
    return act(async () => {
      const made = await client.createToken({ name: name.trim(), scope });
      setCreated(made);
      setTokens((list) => [made.apiToken, ...(list ?? [])]);
      setName('');
    });
  };

  // Programs using the token stop at once and it cannot come back: the dialog asks first.
  async function revoke(token: ApiToken) {
    const revoked = await client.revokeToken(token.id);
    setTokens((list) => (list ?? []).map((x) => (x.id === revoked.id ? revoked : x)));
    setRevoking(null);
  }

  return (
    <section class="admin-section" aria-labelledby="api-tokens-title" data-testid="api-tokens-admin">
      <header class="admin-section__header">
        <h1 id="api-tokens-title">{t('apiTokens.title')}</h1>
      </header>
      <p class="admin-section__note">{t('apiTokens.explain')}</p>
      {error && (
        <p class="form-error" role="alert">
          {t(`errors.${error}`)}
        </p>
      )}
      {created && (
        <OneTimeSecret
          title={t('apiTokens.created', { name: created.apiToken.name })}
          value={created.token}
          onDone={() => setCreated(null)}
          testId="new-api-token"
        />
      )}
      <form class="inline-form" onSubmit={create}>
        <label class="field">
          <span class="field__label">{t('apiTokens.name')}</span>
          <input
            type="text"
            value={name}
            maxLength={80}
            required
            onInput={(event) => setName(event.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">{t('apiTokens.scope')}</span>
          <select value={scope} onChange={(event) => setScope(event.currentTarget.value as ApiTokenScope)}>
            <option value="read">{t('apiTokens.scopes.read')}</option>
            <option value="read-write">{t('apiTokens.scopes.read-write')}</option>
          </select>
        </label>
        <button type="submit" class="button button--primary" disabled={busy}>
          {t('apiTokens.create')}
        </button>
      </form>
      {tokens === null ? (
        !error && <p class="muted">{t('app.loading')}</p>
      ) : tokens.length === 0 ? (
        <p class="muted">{t('apiTokens.none')}</p>
      ) : (
        <div class="admin-table__scroller">
          <table class="admin-table">
            <thead>
              <tr>
                <th scope="col">{t('apiTokens.name')}</th>
                <th scope="col">{t('apiTokens.scope')}</th>
                <th scope="col">{t('apiTokens.createdAt')}</th>
                <th scope="col">{t('apiTokens.lastUsed')}</th>
                <th scope="col">
                  <span class="visually-hidden">{t('apiTokens.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr
                  key={token.id}
                  data-testid="api-token-row"
                  data-active={token.revokedAt ? 'false' : 'true'}
                >
                  <td>
                    <span dir="auto">{token.name}</span>
                    <code class="admin-table__sub">{token.prefix}…</code>
                  </td>
                  <td>{t(`apiTokens.scopes.${token.scope}`)}</td>
                  <td>{when(token.createdAt)}</td>
                  <td>{when(token.lastUsedAt)}</td>
                  <td class="admin-table__actions">
                    {token.revokedAt ? (
                      <span class="presence-chip presence-chip--inactive">{t('apiTokens.revoked')}</span>
                    ) : (
                      <button
                        type="button"
                        class="button button--small"
                        disabled={busy}
                        onClick={() => setRevoking(token)}
                        aria-label={t('apiTokens.revokeOne', { name: token.name })}
                      >
                        {t('apiTokens.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoking && (
        <ConfirmDialog
          title={t('apiTokens.revokeTitle', { name: revoking.name })}
          text={t('apiTokens.revokeText')}
          confirmLabel={t('apiTokens.revoke')}
          danger
          onConfirm={() => revoke(revoking)}
          onClose={() => setRevoking(null)}
        />
      )}
    </section>
  );
}
