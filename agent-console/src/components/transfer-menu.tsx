/** Hands the chat to an online colleague (conversation:transfer); the server checks their capacity. */
import type { ErrorCode } from '@parley/shared';
import { useState } from 'preact/hooks';
import { errorCodeOf } from '../api/api-error';
import { useLive, useT } from '../state/console-context';

export function TransferMenu({ conversationId, onError }: { conversationId: string; onError(code: ErrorCode): void }) {
  const live = useLive();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const colleagues = live.agents.availableColleagues.value;
  if (colleagues.length === 0) return null;

  async function transferTo(toAgentId: string) {
    if (!toAgentId) return;
    setBusy(true);
    try {
      await live.transfer({ conversationId, toAgentId });
    } catch (error) {
      onError(errorCodeOf(error));
    } finally {
      setBusy(false);
    }
  }

  return (
    <select
      class="transfer-menu"
      aria-label={t('chat.transfer')}
      value=""
      disabled={busy}
      onChange={(event) => void transferTo(event.currentTarget.value)}
      data-testid="transfer-select"
    >
      <option value="">{t('chat.transfer')}</option>
      {colleagues.map((agent) => (
        <option key={agent.id} value={agent.id}>
          {agent.name}
        </option>
      ))}
    </select>
  );
}
