/**
 * The shared ticket enums, restated as checked literals so the bundle needs no zod, and how
 * each value is named on screen.
 */
import type { TicketPriority, TicketSource, TicketStatus, Tier } from '@parley/shared';
import type { Translator } from '../../i18n/i18n';

export const STATUSES = [
  'new',
  'open',
  'pending',
  'on_hold',
  'solved',
  'closed',
] as const satisfies readonly TicketStatus[];
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const satisfies readonly TicketPriority[];
export const TIERS = [1, 2, 3] as const satisfies readonly Tier[];

type T = Translator['t'];

export const statusLabel = (t: T, status: TicketStatus) => t(`ticket.status.${status}`);
export const priorityLabel = (t: T, priority: TicketPriority) => t(`ticket.priority.${priority}`);
export const tierLabel = (t: T, tier: number) => t('ticket.tier', { tier });
export const sourceLabel = (t: T, source: TicketSource) => t(`ticket.source.${source}`);

export function isStatus(value: string): value is TicketStatus {
  return (STATUSES as readonly string[]).includes(value);
}
export function isPriority(value: string): value is TicketPriority {
  return (PRIORITIES as readonly string[]).includes(value);
}
export function tierOf(value: string): Tier | null {
  const tier = Number(value);
  return tier === 1 || tier === 2 || tier === 3 ? tier : null;
}
