/**
 * Hits a process has counted in the store ahead of use, per counter key, and spends itself: one
 * store write per `reserve` hits instead of one per hit. The store's counter is still the only
 * truth every process shares: a reserved hit is already counted there, so no process can admit
 * past the limit. What a reservation costs: hits reserved and never spent (the subject went quiet,
 * moved to another process, or this one restarted) still count, so a subject may be refused up
 * to `reserve - 1` hits early. Losing this book changes nothing else.
 */
import type { RateCounter } from '../store/rate-limit.store';

interface Reservation {
  /** The hit number the next spent hit gets. */
  next: number;
  /** The last hit number reserved that is within the limit. */
  last: number;
  resetAtMs: number;
}

/** A hit served from a reservation: its number in the window, and when the window ends. */
export interface ReservedHit {
  count: number;
  resetAtMs: number;
}

// Bounded: a busy site has many chatting visitors; forgetting them all costs one store write each.
const MAX_RESERVATIONS = 20_000;

export function createRateReservations() {
  const book = new Map<string, Reservation>();
  return {
    /** Whether `key` has a reserved hit left in a running window. */
    has(key: string, nowMs: number): boolean {
      const reservation = book.get(key);
      return reservation !== undefined && reservation.resetAtMs > nowMs && reservation.next <= reservation.last;
    },
    /** Spends one reserved hit of `key`, or null when none is left in a running window. */
    spend(key: string, nowMs: number): ReservedHit | null {
      const reservation = book.get(key);
      if (!reservation || reservation.resetAtMs <= nowMs || reservation.next > reservation.last) return null;
      const count = reservation.next;
      reservation.next += 1;
      return { count, resetAtMs: reservation.resetAtMs };
    },
    /**
     * Keeps the hits of a store counter just counted `by` at a time that are left after the first
     * (which the caller spends now) and within `limit`.
     */
    keep(key: string, counter: RateCounter, { by, limit }: { by: number; limit: number }): void {
      const first = counter.count - by + 1;
      const last = Math.min(counter.count, limit);
      if (first + 1 > last) {
        book.delete(key);
        return;
      }
      if (book.size >= MAX_RESERVATIONS) book.clear();
      book.set(key, { next: first + 1, last, resetAtMs: Date.parse(counter.resetAt) });
    },
    forget(key: string): void {
      book.delete(key);
    },
    /** Drops reservations whose window has ended. */
    dropEnded(nowMs: number): void {
      for (const [key, reservation] of book) if (reservation.resetAtMs <= nowMs) book.delete(key);
    },
  };
}

export type RateReservations = ReturnType<typeof createRateReservations>;
