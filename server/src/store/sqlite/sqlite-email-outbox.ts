/** SQLite queries for the e-mail outbox: durable queueing and compare-and-set claims by dispatchers. */
import type Database from 'better-sqlite3';
import { nowIso } from '../../clock';
import { newId } from '../../tokens';
import {
  clipError,
  toEmailData,
  type EmailOutboxStore,
  type OutboxEmail,
  type OutboxStatus,
} from '../email-outbox.store';
import { prepareLeasedClaim } from './sqlite-leased-claim';

export interface OutboxRow {
  id: string; site_id: string | null; to_address: string; locale: string; template: string;
  data_json: string; status: OutboxStatus; attempts: number; next_attempt_at: string;
  lease_until: string | null; last_error: string | null; created_at: string; sent_at: string | null;
}

function parseData(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return {};
  }
}

export const toOutboxEmail = (row: OutboxRow): OutboxEmail => ({
  id: row.id, siteId: row.site_id, to: row.to_address, locale: row.locale, template: row.template,
  data: toEmailData(parseData(row.data_json)), status: row.status, attempts: row.attempts,
  nextAttemptAt: row.next_attempt_at, leaseUntil: row.lease_until, lastError: row.last_error,
  createdAt: row.created_at, sentAt: row.sent_at,
});


export function sqliteEmailOutbox(db: Database.Database): EmailOutboxStore {
  const insert = db.prepare<[OutboxRow], OutboxRow>(
    `INSERT INTO email_outbox (id, site_id, to_address, locale, template, data_json, status, attempts,
       next_attempt_at, lease_until, last_error, created_at, sent_at)
     VALUES (@id, @site_id, @to_address, @locale, @template, @data_json, @status, @attempts,
       @next_attempt_at, @lease_until, @last_error, @created_at, @sent_at)
     RETURNING *`,
  );
  const claimDue = prepareLeasedClaim<OutboxRow>(db, 'email_outbox');
  // A late report from a dispatcher whose lease lapsed must not undo what another one recorded.
  const markSent = db.prepare(
    `UPDATE email_outbox SET status = 'sent', sent_at = ?, lease_until = NULL WHERE id = ? AND status <> 'sent'`,
  );
  const markRetry = db.prepare(
    `UPDATE email_outbox SET status = 'pending', next_attempt_at = ?, last_error = ?, lease_until = NULL
     WHERE id = ? AND status = 'sending'`,
  );
  const markFailed = db.prepare(
    `UPDATE email_outbox SET status = 'failed', last_error = ?, lease_until = NULL WHERE id = ? AND status = 'sending'`,
  );

  return {
    async enqueueEmail(email) {
      const at = email.at ?? nowIso();
      const row = insert.get({
        id: newId(), site_id: email.siteId, to_address: email.to, locale: email.locale, template: email.template,
        data_json: JSON.stringify(email.data), status: 'pending', attempts: 0, next_attempt_at: at,
        lease_until: null, last_error: null, created_at: at, sent_at: null,
      });
      if (!row) throw new Error('email_outbox insert returned no row');
      return toOutboxEmail(row);
    },
    async claimDueEmails(window) {
      return claimDue(window).map(toOutboxEmail);
    },
    async markEmailSent(id, at) {
      markSent.run(at, id);
    },
    async markEmailRetry(id, { error, nextAttemptAt }) {
      markRetry.run(nextAttemptAt, clipError(error), id);
    },
    async markEmailFailed(id, error) {
      markFailed.run(clipError(error), id);
    },
    async listOutbox(filter = {}) {
      const where: string[] = [];
      const params: Record<string, string | number> = { limit: filter.limit ?? -1 };
      if (filter.status) {
        where.push('status = @status');
        params.status = filter.status;
      }
      if (filter.siteId) {
        where.push('site_id = @siteId');
        params.siteId = filter.siteId;
      }
      return db
        .prepare<[Record<string, string | number>], OutboxRow>(
          `SELECT * FROM email_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
           ORDER BY created_at, rowid LIMIT @limit`,
        )
        .all(params)
        .map(toOutboxEmail);
    },
  };
}
