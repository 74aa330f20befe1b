/** A select of online colleagues that runs an action (an invitation) for the one picked. */
import type { Agent, ErrorCode } from '@parley/shared';
import { useLive } from '../state/console-context';
import { useBusyAction } from './use-busy-action';

export interface ColleagueMenuProps {
  label: string;
  testId: string;
  /** Colleagues who cannot be picked here (already in the chat). */
  exclude?: readonly string[];
  run(agent: Agent): Promise<void>;
  onError(code: ErrorCode): void;
}

export function ColleagueMenu(props: ColleagueMenuProps) {
  const live = useLive();
  const { busy, run } = useBusyAction(props.onError);
  const colleagues = live.agents.availableColleagues.value.filter(
    (agent) => !props.exclude?.includes(agent.id),
  );
  if (colleagues.length === 0) return null;

  async function pick(agentId: string) {
    const agent = colleagues.find((candidate) => candidate.id === agentId);
    if (agent) await run(() => props.run(agent));
  }

  return (
    <select
      class="colleague-menu"
      aria-label={props.label}
      value=""
      disabled={busy}
      onChange={(event) => void pick(event.currentTarget.value)}
      data-testid={props.testId}
    >
      <option value="">{props.label}</option>
      {colleagues.map((agent) => (
        <option key={agent.id} value={agent.id}>
          {agent.name}
        </option>
      ))}
    </select>
  );
}
