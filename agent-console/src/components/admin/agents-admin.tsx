/** The team: every agent with role, presence, departments, languages and capacity; admins add, edit and deactivate. */
import type { Agent, ErrorCode } from '@parley/shared';
import { useEffect, useState } from 'preact/hooks';
import { errorCodeOf } from '../../api/api-error';
import { useConsole, useLive, useT } from '../../state/console-context';
import { ConfirmDialog } from '../confirm-dialog';
import { CopyButton } from '../copy-button';
import { Dialog } from '../dialog';
import { AgentFormDialog, type AgentDraft } from './agent-form-dialog';
import { generatePassword } from './generate-password';

type Editing =
  | { kind: 'new' }
  | { kind: 'edit'; agent: Agent }
  | { kind: 'deactivate'; agent: Agent }
  | { kind: 'send-reset'; agent: Agent }
  | { kind: 'reset-two-factor'; agent: Agent }
  | null;

function PasswordDialog(props: { agent: Agent; password: string; onClose(): void }) {
  const t = useT();
  return (
    <Dialog
      title={t('team.createdTitle', { name: props.agent.name })}
      onClose={props.onClose}
      testId="password-dialog"
    >
      <p class="dialog__text">{t('team.passwordOnce', { email: props.agent.email })}</p>
      <code class="secret" data-testid="generated-password">
        {props.password}
      </code>
      <div class="dialog__actions">
        <CopyButton text={props.password} testId="copy-password" />
        <button type="button" class="button button--primary" onClick={props.onClose}>
          {t('team.passwordSaved')}
        </button>
      </div>
    </Dialog>
  );
}

interface AgentRowProps {
  agent: Agent;
  /** Admins edit; nobody deactivates themself. */
  canEdit: boolean;
  isMe: boolean;
  twoFactor: boolean;
  onEdit(): void;
  onDeactivate(): void;
  onReactivate(): void;
  onSendReset(): void;
  onResetTwoFactor(): void;
}

function AgentRow(props: AgentRowProps) {
  const { agent, canEdit, isMe, onEdit, onDeactivate, onReactivate } = props;
  const live = useLive();
  const t = useT();
  const departments = agent.departmentIds.map((id) => live.departments.byId.value.get(id)?.name ?? '?');
  return (
    <tr data-testid="agent-row" data-agent-id={agent.id} data-active={agent.active}>
      <td>
        <strong>{agent.name}</strong>
        {props.twoFactor && (
          <span class="badge badge--small" title={t('team.twoFactorOn')} data-testid="two-factor-badge">
            {t('team.twoFactorBadge')}
          </span>
        )}
        <span class="admin-table__sub">{agent.email}</span>
      </td>
      <td>{t(`team.roles.${agent.role}`)}</td>
      <td>
        {agent.active ? (
          <span class={`presence-chip presence-chip--${agent.status}`}>{t(`presence.${agent.status}`)}</span>
        ) : (
          <span class="presence-chip presence-chip--inactive">{t('team.inactive')}</span>
        )}
      </td>
      <td>
        {departments.length ? departments.join(', ') : <span class="muted">{t('team.allDepartments')}</span>}
      </td>
      <td>
        {agent.languages.length ? (
          agent.languages.join(', ')
        ) : (
          <span class="muted">{t('team.anyLanguage')}</span>
        )}
      </td>
      <td>{agent.maxChats}</td>
      <td class="admin-table__actions">
        {canEdit && (
          <button
            type="button"
            class="button button--small"
            onClick={onEdit}
            aria-label={t('team.editAgent', { name: agent.name })}
          >
            {t('common.edit')}
          </button>
        )}
        {canEdit && !isMe && agent.active && (
          <button
            type="button"
            class="button button--small button--quiet"
            onClick={onDeactivate}
            aria-label={t('team.deactivateAgent', { name: agent.name })}
          >
            {t('team.deactivate')}
          </button>
        )}
        {canEdit && agent.active && (
          <button
            type="button"
            class="button button--small button--quiet"
            onClick={props.onSendReset}
            aria-label={t('team.sendResetAgent', { name: agent.name })}
          >
            {t('team.sendReset')}
          </button>
        )}
        {canEdit && props.twoFactor && (
          <button
            type="button"
            class="button button--small button--quiet"
            onClick={props.onResetTwoFactor}
            aria-label={t('team.resetTwoFactorAgent', { name: agent.name })}
          >
            {t('team.resetTwoFactor')}
          </button>
        )}
        {canEdit && !agent.active && (
          <button
            type="button"
            class="button button--small"
            onClick={onReactivate}
            aria-label={t('team.reactivateAgent', { name: agent.name })}
          >
            {t('team.reactivate')}
          </button>
        )}
      </td>
    </tr>
  );
}

/** Which agents sign in with a second factor (admins only may ask). */
function useTwoFactorAgents(isAdmin: boolean) {
  const live = useLive();
  const [ids, setIds] = useState<Set<string>>(new Set());
  const reload = async () => {
    if (isAdmin) setIds(new Set(await live.admin.listTwoFactorAgents()));
  };
  useEffect(() => {
    reload().catch(() => undefined);
  }, [isAdmin]);
  return { ids, reload };
}

export function AgentsAdmin() {
  const { session } = useConsole();
  const live = useLive();
  const t = useT();
  const me = session.agent.value;
  const isAdmin = me?.role === 'admin';
  const [editing, setEditing] = useState<Editing>(null);
  const [created, setCreated] = useState<{ agent: Agent; password: string } | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const twoFactorAgents = useTwoFactorAgents(isAdmin);
  const agents = [...live.agents.byId.value.values()].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name),
  );
  const departments = live.departments.list.value;

  async function create(draft: AgentDraft) {
    const password = generatePassword();
    const agent = await live.admin.createAgent({ ...draft, password });
    live.agents.upsert(agent);
    setEditing(null);
    setCreated({ agent, password });
  }

  async function update(agent: Agent, draft: AgentDraft) {
    const { name, role, departmentIds, languages, maxChats } = draft;
    live.agents.upsert(
      await live.admin.updateAgent(agent.id, { name, role, departmentIds, languages, maxChats }),
    );
    setEditing(null);
  }

  async function setActive(agent: Agent, active: boolean) {
    setError(null);
    live.agents.upsert(await live.admin.updateAgent(agent.id, { active }));
    setEditing(null);
  }

  return (
    <section class="admin-section" aria-labelledby="team-title" data-testid="team-admin">
      <header class="admin-section__header">
        <h1 id="team-title">{t('team.title')}</h1>
        {isAdmin && (
          <button
            type="button"
            class="button button--primary"
            onClick={() => setEditing({ kind: 'new' })}
            data-testid="add-agent"
          >
            {t('team.add')}
          </button>
        )}
      </header>
      {!isAdmin && <p class="admin-section__note">{t('admin.readOnly')}</p>}
      {notice && (
        <p class="form-success" role="status" data-testid="team-notice">
          {notice}
        </p>
      )}
      {error && (
        <p class="form-error" role="alert" data-code={error}>
          {t(`errors.${error}`)}
        </p>
      )}
      <div class="admin-table__scroller">
        <table class="admin-table">
          <thead>
            <tr>
              <th scope="col">{t('team.name')}</th>
              <th scope="col">{t('team.role')}</th>
              <th scope="col">{t('topbar.status')}</th>
              <th scope="col">{t('team.departments')}</th>
              <th scope="col">{t('team.languages')}</th>
              <th scope="col">{t('team.maxChats')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('team.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {agents.map((agent) => (
              <AgentRow
                key={agent.id}
                agent={agent}
                canEdit={isAdmin}
                isMe={agent.id === me?.id}
                twoFactor={twoFactorAgents.ids.has(agent.id)}
                onSendReset={() => setEditing({ kind: 'send-reset', agent })}
                onResetTwoFactor={() => setEditing({ kind: 'reset-two-factor', agent })}
                onEdit={() => setEditing({ kind: 'edit', agent })}
                onDeactivate={() => setEditing({ kind: 'deactivate', agent })}
                onReactivate={() =>
                  void setActive(agent, true).catch((e: unknown) => setError(errorCodeOf(e)))
                }
              />
            ))}
          </tbody>
        </table>
      </div>
      {editing?.kind === 'new' && (
        <AgentFormDialog departments={departments} onSubmit={create} onClose={() => setEditing(null)} />
      )}
      {editing?.kind === 'edit' && (
        <AgentFormDialog
          agent={editing.agent}
          departments={departments}
          onSubmit={(draft) => update(editing.agent, draft)}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'deactivate' && (
        <ConfirmDialog
          title={t('team.deactivateTitle', { name: editing.agent.name })}
          text={t('team.deactivateText', { name: editing.agent.name })}
          confirmLabel={t('team.deactivate')}
          danger
          onConfirm={() => setActive(editing.agent, false)}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'send-reset' && (
        <ConfirmDialog
          title={t('team.sendResetTitle', { name: editing.agent.name })}
          text={t('team.sendResetText', { name: editing.agent.name, email: editing.agent.email })}
          confirmLabel={t('team.sendReset')}
          onConfirm={async () => {
            await live.admin.sendPasswordReset(editing.agent.id);
            setNotice(t('team.resetSent', { email: editing.agent.email }));
            setEditing(null);
          }}
          onClose={() => setEditing(null)}
        />
      )}
      {editing?.kind === 'reset-two-factor' && (
        <ConfirmDialog
          title={t('team.resetTwoFactorTitle', { name: editing.agent.name })}
          text={t('team.resetTwoFactorText', { name: editing.agent.name })}
          confirmLabel={t('team.resetTwoFactor')}
          danger
          onConfirm={async () => {
            await live.admin.resetTwoFactor(editing.agent.id);
            await twoFactorAgents.reload();
            setEditing(null);
          }}
          onClose={() => setEditing(null)}
        />
      )}
      {created && (
        <PasswordDialog agent={created.agent} password={created.password} onClose={() => setCreated(null)} />
      )}
    </section>
  );
}
