/** Contract: the durable e-mail outbox — queued until claimed, one claimer per e-mail, leases that lapse. */
import type { NewOutboxEmail } from '../email-outbox.store';
import type { ContractContext } from './context';

const T0 = Date.parse('2030-01-01T10:00:00.000Z');
const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

const email = (overrides: Partial<NewOutboxEmail> = {}): NewOutboxEmail => ({
  siteId: 'site-0000001', to: 'anna@example.com', locale: 'ru', template: 'ticket_received',
  data: { ticketNumber: 1001, subject: 'Принтер' }, at: at(0), ...overrides,
});

export function emailOutboxContract(ctx: ContractContext): void {
  describe('e-mail outbox', () => {
    it('keeps an e-mail pending with its data, and claims the oldest due first, within the limit', async () => {
      const queued = await ctx.store.enqueueEmail(email({ at: at(5) }));
      expect(queued).toMatchObject({
        status: 'pending', attempts: 0, nextAttemptAt: at(5), leaseUntil: null, sentAt: null, lastError: null,
        data: { ticketNumber: 1001, subject: 'Принтер' },
      });
      const earlier = await ctx.store.enqueueEmail(email({ at: at(3) }));
      await ctx.store.enqueueEmail(email({ at: at(7) }));
      await ctx.store.enqueueEmail(email({ at: at(60) }));
      const claimed = await ctx.store.claimDueEmails({ now: at(10), leaseUntil: at(100), limit: 2 });
      expect(claimed.map((e) => e.id)).toEqual([earlier.id, queued.id]);
      expect(claimed[0]).toMatchObject({ status: 'sending', attempts: 1, leaseUntil: at(100) });
      expect(await ctx.store.claimDueEmails({ now: at(10), leaseUntil: at(100), limit: 10 })).toHaveLength(1);
    });

    it('gives each due e-mail to one of several concurrent claimers', async () => {
      for (let index = 0; index < 6; index += 1) await ctx.store.enqueueEmail(email({ at: at(index) }));
      const claims = await Promise.all(
        [1, 2, 3].map(() => ctx.store.claimDueEmails({ now: at(10), leaseUntil: at(100), limit: 4 })),
      );
      const ids = claims.flat().map((e) => e.id);
      expect(ids).toHaveLength(6);
      expect(new Set(ids).size).toBe(6);
    });

    it('hands an e-mail whose lease lapsed to the next claimer, counting the attempt', async () => {
      const queued = await ctx.store.enqueueEmail(email());
      await ctx.store.claimDueEmails({ now: at(1), leaseUntil: at(600), limit: 1 });
      expect(await ctx.store.claimDueEmails({ now: at(599), leaseUntil: at(1200), limit: 1 })).toEqual([]);
      expect(await ctx.store.claimDueEmails({ now: at(601), leaseUntil: at(1201), limit: 1 })).toEqual([
        expect.objectContaining({ id: queued.id, attempts: 2, leaseUntil: at(1201) }),
      ]);
    });

    it('records sent, retry and failure only while sending, and lists by status and site', async () => {
      const [sent, retried, failed] = [
        await ctx.store.enqueueEmail(email({ at: at(1) })),
        await ctx.store.enqueueEmail(email({ at: at(2), siteId: 'site-0000002' })),
        await ctx.store.enqueueEmail(email({ at: at(3), siteId: null })),
      ];
      await ctx.store.markEmailRetry(retried.id, { error: 'not yet claimed', nextAttemptAt: at(99) });
      expect((await ctx.store.listOutbox({ status: 'pending' })).map((e) => e.lastError)).toEqual([null, null, null]);

      await ctx.store.claimDueEmails({ now: at(10), leaseUntil: at(100), limit: 10 });
      await ctx.store.markEmailSent(sent.id, at(11));
      await ctx.store.markEmailRetry(retried.id, { error: '421 try later', nextAttemptAt: at(70) });
      await ctx.store.markEmailFailed(failed.id, '550 no such user');
      await ctx.store.markEmailRetry(sent.id, { error: 'late report', nextAttemptAt: at(80) });
      await ctx.store.markEmailFailed(retried.id, 'late report');

      expect(await ctx.store.listOutbox()).toEqual([
        expect.objectContaining({ id: sent.id, status: 'sent', sentAt: at(11), leaseUntil: null }),
        expect.objectContaining({ id: retried.id, status: 'pending', nextAttemptAt: at(70), lastError: '421 try later', leaseUntil: null }),
        expect.objectContaining({ id: failed.id, status: 'failed', lastError: '550 no such user' }),
      ]);
      expect(await ctx.store.claimDueEmails({ now: at(69), leaseUntil: at(200), limit: 10 })).toEqual([]);
      expect((await ctx.store.claimDueEmails({ now: at(70), leaseUntil: at(200), limit: 10 })).map((e) => e.id)).toEqual([retried.id]);
      expect((await ctx.store.listOutbox({ siteId: 'site-0000002' })).map((e) => e.id)).toEqual([retried.id]);
      expect(await ctx.store.listOutbox({ limit: 1 })).toHaveLength(1);
    });
  });
}
