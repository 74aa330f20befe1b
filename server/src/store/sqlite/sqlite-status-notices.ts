/** SQLite status notices: at most one active per site, held by a partial unique index. */
import type Database from 'better-sqlite3';
import type { StatusNotice } from '@parley/shared';
import { newId } from '../../tokens';
import type { KnowledgeBaseStore } from '../knowledge-base.store';

type StatusNoticeStore = Pick<KnowledgeBaseStore, 'postStatusNotice' | 'withdrawStatusNotice' | 'findActiveStatusNotice'>;

interface NoticeRow {
  id: string; site_id: string; text: string; severity: StatusNotice['severity']; posted_at: string; withdrawn_at: string | null;
}

const toNotice = (r: NoticeRow): StatusNotice => ({
  id: r.id, siteId: r.site_id, text: r.text, severity: r.severity, postedAt: r.posted_at, withdrawnAt: r.withdrawn_at,
});

export function sqliteStatusNotices(db: Database.Database): StatusNoticeStore {
  const active = db.prepare<[string], NoticeRow>('SELECT * FROM kb_status_notices WHERE site_id = ? AND withdrawn_at IS NULL');
  const withdraw = db.prepare<[string, string]>('UPDATE kb_status_notices SET withdrawn_at = ? WHERE site_id = ? AND withdrawn_at IS NULL');

  const post = db.transaction((input: { siteId: string; text: string; severity: StatusNotice['severity']; at: string }) => {
    withdraw.run(input.at, input.siteId);
    const id = newId();
    db.prepare(
      `INSERT INTO kb_status_notices (id, site_id, text, severity, posted_at) VALUES (@id, @siteId, @text, @severity, @at)`,
    ).run({ ...input, id });
    return db.prepare<[string], NoticeRow>('SELECT * FROM kb_status_notices WHERE id = ?').get(id) as NoticeRow;
  });

  const withdrawActive = db.transaction((input: { siteId: string; at: string }): NoticeRow | null => {
    const current = active.get(input.siteId);
    if (!current) return null;
    withdraw.run(input.at, input.siteId);
    return { ...current, withdrawn_at: input.at };
  });

  return {
    async postStatusNotice(input) {
      return toNotice(post.immediate(input));
    },
    async withdrawStatusNotice(input) {
      const row = withdrawActive.immediate(input);
      return row ? toNotice(row) : null;
    },
    async findActiveStatusNotice(siteId) {
      const row = active.get(siteId);
      return row ? toNotice(row) : null;
    },
  };
}
