/** Adding an agent or changing one: name, role, departments, languages and how many chats at once. */
import { languageCodeOf, type Agent, type AgentRole, type Department, type ErrorCode } from '@parley/shared';
import { useState } from 'preact/hooks';
import { ApiError, errorCodeOf } from '../../api/api-error';
import { useT } from '../../state/console-context';
import { Dialog } from '../dialog';

export interface AgentDraft {
  name: string;
  email: string;
  role: AgentRole;
  departmentIds: string[];
  languages: string[];
  maxChats: number;
}

export const DEFAULT_MAX_CHATS = 4;
const MAX_CHATS_RANGE = { min: 1, max: 50 } as const;

const typedCodes = (text: string): string[] => text.split(/[\s,;]+/).filter(Boolean);

/** The typed codes as the server keeps them (pt-BR as pt, once each), or null while one names no language. */
export function parseLanguages(text: string): string[] | null {
  const codes = typedCodes(text).map(languageCodeOf);
  return codes.every((code) => code !== null) ? [...new Set(codes)] : null;
}

/** The typed codes that name no language (zz), to say which by the field. */
const unknownLanguages = (text: string): string[] => typedCodes(text).filter((code) => languageCodeOf(code) === null);

export interface AgentFormDialogProps {
  /** Absent: a new agent. */
  agent?: Agent;
  departments: readonly Department[];
  onSubmit(draft: AgentDraft): Promise<void>;
  onClose(): void;
}

export function AgentFormDialog({ agent, departments, onSubmit, onClose }: AgentFormDialogProps) {
  const t = useT();
  const [name, setName] = useState(agent?.name ?? '');
  const [email, setEmail] = useState(agent?.email ?? '');
  const [role, setRole] = useState<AgentRole>(agent?.role ?? 'agent');
  const [departmentIds, setDepartmentIds] = useState<string[]>(agent?.departmentIds ?? []);
  const [languages, setLanguages] = useState((agent?.languages ?? []).join(', '));
  const [maxChats, setMaxChats] = useState(String(agent?.maxChats ?? DEFAULT_MAX_CHATS));
  const [error, setError] = useState<{ code: ErrorCode; detail?: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const parsedLanguages = parseLanguages(languages);
  const chats = Number(maxChats);
  const chatsValid = Number.isInteger(chats) && chats >= MAX_CHATS_RANGE.min && chats <= MAX_CHATS_RANGE.max;

  function toggleDepartment(id: string) {
    setDepartmentIds((current) =>
      current.includes(id) ? current.filter((d) => d !== id) : [...current, id],
    );
  }

  async function submit(event: Event) {
    event.preventDefault();
    if (!parsedLanguages || !chatsValid) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit({
        name: name.trim(),
        email: email.trim(),
        role,
        departmentIds,
        languages: parsedLanguages,
        maxChats: chats,
      });
    } catch (failure) {
      setError({
        code: errorCodeOf(failure),
        detail: failure instanceof ApiError ? failure.message : undefined,
      });
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={agent ? t('team.editTitle', { name: agent.name }) : t('team.addTitle')}
      onClose={onClose}
      testId="agent-form"
      wide
    >
      <form class="dialog__form admin-form" onSubmit={submit}>
        <label class="field">
          <span class="field__label">{t('team.name')}</span>
          <input
            type="text"
            required
            maxLength={120}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        </label>
        {!agent && (
          <label class="field">
            <span class="field__label">{t('login.email')}</span>
            <input
              type="email"
              required
              maxLength={254}
              value={email}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          </label>
        )}
        <div class="field-row">
          <label class="field">
            <span class="field__label">{t('team.role')}</span>
            <select
              value={role}
              onChange={(e) => setRole(e.currentTarget.value === 'admin' ? 'admin' : 'agent')}
            >
              <option value="agent">{t('team.roles.agent')}</option>
              <option value="admin">{t('team.roles.admin')}</option>
            </select>
          </label>
          <div class="field">
            <label class="field__label" for="agent-max-chats">
              {t('team.maxChats')}
            </label>
            <input
              id="agent-max-chats"
              type="number"
              min={MAX_CHATS_RANGE.min}
              max={MAX_CHATS_RANGE.max}
              required
              value={maxChats}
              aria-invalid={!chatsValid}
              aria-describedby={chatsValid ? undefined : 'agent-max-chats-problem'}
              onInput={(e) => setMaxChats(e.currentTarget.value)}
            />
            {!chatsValid && (
              <span id="agent-max-chats-problem" class="field__hint field__hint--error">
                {t('team.maxChatsRange', MAX_CHATS_RANGE)}
              </span>
            )}
          </div>
        </div>
        <div class="field">
          <label class="field__label" for="agent-languages">
            {t('team.languages')}
          </label>
          <input
            id="agent-languages"
            type="text"
            value={languages}
            placeholder="en, es"
            aria-invalid={parsedLanguages === null}
            aria-describedby={parsedLanguages === null ? 'agent-languages-problem agent-languages-hint' : 'agent-languages-hint'}
            onInput={(e) => setLanguages(e.currentTarget.value)}
          />
          {parsedLanguages === null && (
            <span id="agent-languages-problem" class="field__hint field__hint--error">
              {t('team.languagesUnknown', { codes: unknownLanguages(languages).join(', ') })}
            </span>
          )}
          <span
            id="agent-languages-hint"
            class={`field__hint${parsedLanguages === null ? ' field__hint--error' : ''}`}
          >
            {t('team.languagesHint')}
          </span>
        </div>
        <fieldset class="field fieldset">
          <legend class="field__label">{t('team.departments')}</legend>
          {departments.length === 0 ? (
            <span class="field__hint">{t('team.noDepartments')}</span>
          ) : (
            <div class="checks">
              {departments.map((d) => (
                <label key={d.id} class="check">
                  <input
                    type="checkbox"
                    checked={departmentIds.includes(d.id)}
                    onChange={() => toggleDepartment(d.id)}
                  />
                  {d.name}
                </label>
              ))}
            </div>
          )}
          <span class="field__hint">{t('team.departmentsHint')}</span>
        </fieldset>
        {error && (
          <p class="form-error" role="alert" data-code={error.code}>
            {t(`errors.${error.code}`)}
            {error.code === 'VALIDATION_FAILED' && error.detail && (
              <span class="form-error__detail"> {error.detail}</span>
            )}
          </p>
        )}
        <div class="dialog__actions">
          <button type="button" class="button button--quiet" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button
            type="submit"
            class="button button--primary"
            disabled={busy || !parsedLanguages || !chatsValid}
          >
            {agent ? t('common.save') : t('team.create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
