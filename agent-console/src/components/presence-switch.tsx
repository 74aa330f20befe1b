/** The agent's availability (online, away, offline), sent to the server with agent:status. */
import type { AgentStatus } from '@parley/shared';
import { useState } from 'preact/hooks';
import { useConsole, useLive, useT } from '../state/console-context';

// The shared AGENT_STATUSES, restated as a type-checked literal so zod stays out of the bundle.
const STATUSES = ['online', 'away', 'offline'] as const satisfies readonly AgentStatus[];

export function PresenceSwitch() {
  const { session } = useConsole();
  const live = useLive();
  const t = useT();
  const [busy, setBusy] = useState(false);
  const status = session.agent.value?.status ?? 'offline';

  async function choose(value: string) {
    const next = STATUSES.find((candidate) => candidate === value);
    if (!next) return;
    setBusy(true);
    try {
      await live.setPresence(next);
    } catch {
      // The select snaps back to the server's value; the connection badge says why.
    } finally {
      setBusy(false);
    }
  }

  return (
    <label class={`inline-field presence presence--${status}`}>
      <span class="presence__dot" aria-hidden="true" />
      <span class="inline-field__label">{t('topbar.yourStatus')}</span>
      <select
        value={status}
        disabled={busy || live.status.value !== 'online'}
        onChange={(event) => void choose(event.currentTarget.value)}
        data-testid="presence-select"
      >
        {STATUSES.map((value) => (
          <option key={value} value={value}>
            {t(`presence.${value}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
