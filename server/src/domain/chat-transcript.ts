/** A chat as plain text, for the visitor's transcript e-mail and for the ticket a chat becomes. */
import type { ChatEvent, Message } from '@parley/shared';
import { chatEventText } from './chat-event-lines';

/**
 * The transcript's own words, in its reader's language: what it calls an author who has no name (a
 * visitor who never gave one), and how it words a system line's event (a transfer, an invitation).
 */
export interface TranscriptAuthorLabels {
  visitor: string;
  agent: string;
  event: (event: ChatEvent) => string;
}

/** Who reads it: the visitor alone (their lines are "You") or anyone, agents included ("Visitor"). */
export type TranscriptReader = 'visitor' | 'anyone';

export type TranscriptLabelsFor = (locale: string, reader: TranscriptReader) => TranscriptAuthorLabels;

export const ENGLISH_TRANSCRIPT_LABELS: TranscriptLabelsFor = (_locale, reader) => ({
  visitor: reader === 'visitor' ? 'You' : 'Visitor',
  agent: 'Agent',
  event: chatEventText,
});

/**
 * One line per message the visitor saw (internal notes left out): its time in UTC, and said so
 * (the reader may be in any time zone), then who wrote it; Parley's own lines have no author.
 */
export function chatTranscript(messages: readonly Message[], labels: TranscriptAuthorLabels): string {
  return messages
    .filter((m) => !m.internal)
    .map((m) => {
      const who = m.author.kind === 'system' ? '' : `${m.author.name ?? (m.author.kind === 'visitor' ? labels.visitor : labels.agent)}: `;
      return `[${m.createdAt.slice(0, 16).replace('T', ' ')} UTC] ${who}${m.event ? labels.event(m.event) : m.text}`;
    })
    .join('\n');
}
