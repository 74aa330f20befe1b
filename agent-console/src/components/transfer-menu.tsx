/** The transfer select: an online colleague takes the chat, or it goes back to a department's queue. */
import type { ErrorCode, TransferRequest } from '@parley/shared';
import { useLive, useT } from '../state/console-context';
import { useBusyAction } from './use-busy-action';

/** Option values: a colleague's id as it is, a department's id after this prefix (ids have no colon). */
const DEPARTMENT = 'department:';

export function transferRequestOf(conversationId: string, value: string): TransferRequest | null {
  if (!value) return null;
  return value.startsWith(DEPARTMENT)
    ? { conversationId, toDepartmentId: value.slice(DEPARTMENT.length) }
    : { conversationId, toAgentId: value };
}

export function TransferMenu(props: { conversationId: string; onError(code: ErrorCode): void }) {
  const live = useLive();
  const t = useT();
  const { busy, run } = useBusyAction(props.onError);
  const colleagues = live.agents.availableColleagues.value;
  const departments = live.departments.list.value;
  if (colleagues.length === 0 && departments.length === 0) return null;

  async function pick(value: string) {
    const request = transferRequestOf(props.conversationId, value);
    if (request) await run(() => live.transfer(request));
  }

  return (
    <select
      class="colleague-menu"
      aria-label={t('chat.transfer')}
      value=""
      disabled={busy}
      onChange={(event) => void pick(event.currentTarget.value)}
      data-testid="transfer-select"
    >
      <option value="">{t('chat.transfer')}</option>
      {colleagues.length > 0 && (
        <optgroup label={t('chat.transferColleagues')}>
          {colleagues.map((agent) => (
            <option key={agent.id} value={agent.id}>
              {agent.name}
            </option>
          ))}
        </optgroup>
      )}
      {departments.length > 0 && (
        <optgroup label={t('chat.transferDepartments')}>
          {departments.map((department) => (
            <option key={department.id} value={`${DEPARTMENT}${department.id}`}>
              {department.name}
            </option>
          ))}
        </optgroup>
      )}
    </select>
  );
}
