/** The site's departments: the teams chats are routed to. Admins add, rename and delete them. */
import type { Agent, Department, ErrorCode } from '@parley/shared';
import { useState } from 'preact/hooks';
import { errorCodeOf } from '../../api/api-error';
import { useConsole, useLive, useT } from '../../state/console-context';
import { DepartmentDeleteDialog } from './department-delete-dialog';

/** Active agents who take the department's chats: its own, and those with no department, who take every one. */
export function agentsServing(agents: readonly Agent[], departmentId: string): number {
  return agents.filter(
    (agent) => agent.active && (agent.departmentIds.length === 0 || agent.departmentIds.includes(departmentId)),
  ).length;
}

export function DepartmentsAdmin() {
  const { session } = useConsole();
  const live = useLive();
  const t = useT();
  const isAdmin = session.agent.value?.role === 'admin';
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  const [deleting, setDeleting] = useState<Department | null>(null);
  const departments = live.departments.list.value;
  const agents = [...live.agents.byId.value.values()].filter((a) => a.active);

  async function add(event: Event) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    setBusy(true);
    setError(null);
    try {
      live.departments.upsert(await live.admin.createDepartment(trimmed));
      setName('');
    } catch (failure) {
      setError(errorCodeOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="admin-section" aria-labelledby="departments-title" data-testid="departments-admin">
      <header class="admin-section__header">
        <h1 id="departments-title">{t('departments.title')}</h1>
      </header>
      <p class="admin-section__note">{t('departments.explain')}</p>
      {departments.length === 0 ? (
        <p class="muted">{t('departments.none')}</p>
      ) : (
        <ul class="admin-list" data-testid="department-list">
          {departments.map((d) => (
            <DepartmentItem
              key={d.id}
              department={d}
              members={agentsServing(agents, d.id)}
              canManage={isAdmin}
              onError={setError}
              onDelete={() => setDeleting(d)}
            />
          ))}
        </ul>
      )}
      {isAdmin && (
        <form class="inline-form" onSubmit={add}>
          <label class="field">
            <span class="field__label">{t('departments.newName')}</span>
            <input
              type="text"
              required
              maxLength={80}
              value={name}
              onInput={(e) => setName(e.currentTarget.value)}
            />
          </label>
          <button type="submit" class="button button--primary" disabled={busy || !name.trim()}>
            {t('departments.add')}
          </button>
        </form>
      )}
      {error && (
        <p class="form-error" role="alert" data-code={error}>
          {error === 'ALREADY_TAKEN' ? t('departments.nameTaken') : t(`errors.${error}`)}
        </p>
      )}
      {deleting && <DepartmentDeleteDialog department={deleting} onClose={() => setDeleting(null)} />}
    </section>
  );
}

interface DepartmentItemProps {
  department: Department;
  members: number;
  canManage: boolean;
  onError: (code: ErrorCode | null) => void;
  onDelete: () => void;
}

/** One department in the list; an admin can fix its name in place, or ask to delete it. */
function DepartmentItem({ department, members, canManage, onError, onDelete }: DepartmentItemProps) {
  const live = useLive();
  const t = useT();
  const [draft, setDraft] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function rename(event: Event) {
    event.preventDefault();
    const name = draft?.trim();
    if (!name) return;
    setBusy(true);
    onError(null);
    try {
      if (name !== department.name)
        live.departments.upsert(await live.admin.renameDepartment(department.id, name));
      setDraft(null);
    } catch (failure) {
      onError(errorCodeOf(failure));
    } finally {
      setBusy(false);
    }
  }

  if (draft !== null) {
    return (
      <li class="admin-list__item" data-testid="department-item">
        <form class="inline-form" onSubmit={rename}>
          <label class="field">
            <span class="visually-hidden">{t('departments.newNameFor', { name: department.name })}</span>
            <input
              type="text"
              required
              maxLength={80}
              value={draft}
              onInput={(e) => setDraft(e.currentTarget.value)}
              onKeyDown={(e) => e.key === 'Escape' && setDraft(null)}
              ref={(input) => input?.focus()}
            />
          </label>
          <button type="submit" class="button button--primary" disabled={busy || !draft.trim()}>
            {t('common.save')}
          </button>
          <button type="button" class="button" onClick={() => setDraft(null)}>
            {t('common.cancel')}
          </button>
        </form>
      </li>
    );
  }
  return (
    <li class="admin-list__item" data-testid="department-item">
      <strong>{department.name}</strong>
      <span class="muted">{t('departments.members', { count: members })}</span>
      {canManage && (
        <>
          <button
            type="button"
            class="button button--small"
            aria-label={t('departments.renameDepartment', { name: department.name })}
            onClick={() => setDraft(department.name)}
          >
            {t('common.edit')}
          </button>
          <button
            type="button"
            class="button button--small button--quiet"
            aria-label={t('departments.deleteDepartment', { name: department.name })}
            onClick={onDelete}
          >
            {t('common.delete')}
          </button>
        </>
      )}
    </li>
  );
}
