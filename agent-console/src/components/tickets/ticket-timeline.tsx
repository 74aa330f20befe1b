/** A ticket's history, oldest first: how it began, replies and internal notes (with their files), changes and ratings. */
import type { Ticket, TicketChange, TicketEvent } from '@parley/shared';
import type { Translator } from '../../i18n/i18n';
import { useConsole, useT } from '../../state/console-context';
import { LinkifiedText } from '../linkified-text';
import { MessageFiles } from '../message-files';
import { formatMessageTime } from '../time-format';
import { isPriority, isStatus, priorityLabel, statusLabel, tierLabel } from './ticket-values';
import { useTeam, type Team } from './use-team';

type T = Translator['t'];
const SOURCES = ['chat_timeout', 'offline_form', 'visitor_left', 'agent_escalation', 'agent'] as const;

function valueText(t: T, team: Team, change: { field: string; value: TicketChange['from'] }): string {
  const { field, value } = change;
  if (value === null || value === '') return t('timeline.nothing');
  const text = String(value);
  switch (field) {
    case 'status':
      return isStatus(text) ? statusLabel(t, text) : text;
    case 'priority':
      return isPriority(text) ? priorityLabel(t, text) : text;
    case 'tier':
      return tierLabel(t, Number(value));
    case 'assigneeAgentId':
      return team.agentName(text) ?? t('timeline.formerAgent');
    case 'departmentId':
      return team.departmentName(text) ?? t('timeline.formerDepartment');
    case 'tags':
      return text.split(',').join(', ');
    default:
      return text;
  }
}

/**
 * Who did it: a name, or the reading agent themself. "You" gets sentences of its own in every
 * language (`…_self` keys): "Sie haben geantwortet", not the third person after "Sie".
 */
interface Author {
  who: string;
  self: boolean;
}

const wording = ({ who, self }: Author) => ({ who, ...(self ? { context: 'self' } : {}) });

/** "Ana changed priority from Normal to High" ("You changed…" for the reader's own), in the agent's language. */
export function changeSentence(t: T, team: Team, input: { author: Author; change: TicketChange }): string {
  const { change, author } = input;
  const known = ['status', 'priority', 'tier', 'assigneeAgentId', 'departmentId', 'tags', 'subject', 'requesterEmail'];
  const field = known.includes(change.field) ? t(`timeline.field.${change.field}`) : change.field;
  const from = valueText(t, team, { field: change.field, value: change.from });
  const to = valueText(t, team, { field: change.field, value: change.to });
  if (change.from === null || change.from === '') return t('timeline.set', { ...wording(author), field, to });
  return t('timeline.changed', { ...wording(author), field, from, to });
}

function useAuthor(ticket: Ticket) {
  const { session } = useConsole();
  const t = useT();
  const me = session.agent.value?.id;
  return (event: TicketEvent): Author => {
    switch (event.authorKind) {
      case 'system':
        return { who: t('chat.system'), self: false };
      case 'agent':
        return event.authorId === me
          ? { who: t('chat.you'), self: true }
          : { who: event.authorName ?? t('timeline.agent'), self: false };
      case 'requester':
        return { who: event.authorName ?? ticket.requesterName ?? t('timeline.requester'), self: false };
    }
  };
}

function Changes({ event, author }: { event: TicketEvent; author: Author }) {
  const t = useT();
  const team = useTeam();
  const shown = event.changes.filter((c) => c.field !== 'source' && c.field !== 'rating');
  if (shown.length === 0) return null;
  return (
    <ul class="timeline-changes">
      {shown.map((change) => (
        <li key={change.field} data-testid="timeline-change" data-field={change.field}>
          {changeSentence(t, team, { author, change })}
        </li>
      ))}
    </ul>
  );
}

function headline(t: T, input: { event: TicketEvent; author: Author }): string {
  const { event, author } = input;
  const words = wording(author);
  switch (event.kind) {
    case 'created': {
      const source = event.changes.find((c) => c.field === 'source')?.to;
      const known = SOURCES.find((s) => s === source);
      return known ? t(`timeline.createdFrom.${known}`, words) : t('timeline.created', words);
    }
    case 'reply':
      return event.authorKind === 'requester'
        ? t('timeline.requesterReplied', words)
        : t('timeline.replied', words);
    case 'note':
      return t('timeline.noted', words);
    case 'rating':
      return t('timeline.rated', { ...words, score: event.changes.find((c) => c.field === 'rating')?.to ?? '?' });
    case 'change':
      return '';
  }
}

function TimelineItem({ event, author }: { event: TicketEvent; author: Author }) {
  const { translator } = useConsole();
  const t = translator.t;
  const side =
    event.authorKind === 'agent' ? 'agent' : event.authorKind === 'system' ? 'system' : 'requester';
  const time = (
    <time class="timeline-item__time" dateTime={event.createdAt}>
      {formatMessageTime(event.createdAt, translator.language.value)}
    </time>
  );
  if (event.kind === 'change') {
    return (
      <li class="timeline-item timeline-item--change" data-testid="timeline-item" data-kind="change">
        <Changes event={event} author={author} />
        {time}
      </li>
    );
  }
  return (
    <li
      class={`timeline-item timeline-item--${event.kind} timeline-item--${side}`}
      data-testid="timeline-item"
      data-kind={event.kind}
      data-internal={event.kind === 'note' ? 'true' : undefined}
    >
      <div class="timeline-item__meta">
        <span class="timeline-item__headline">{headline(t, { event, author })}</span>
        {event.kind === 'note' && <span class="message__tag">{t('chat.internalNote')}</span>}
        {time}
      </div>
      {event.text && (
        <p class="timeline-item__text" dir="auto">
          <LinkifiedText text={event.text} />
        </p>
      )}
      <MessageFiles files={event.attachments} />
      <Changes event={event} author={author} />
    </li>
  );
}

export function TicketTimeline({ ticket, events }: { ticket: Ticket; events: readonly TicketEvent[] }) {
  const t = useT();
  const author = useAuthor(ticket);
  const ordered = [...events].sort((a, b) => a.seq - b.seq);
  return (
    <ol class="timeline" aria-label={t('timeline.title')} data-testid="ticket-timeline">
      {ordered.map((event) => (
        <TimelineItem key={event.id} event={event} author={author(event)} />
      ))}
    </ol>
  );
}
