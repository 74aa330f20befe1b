/** SQLite queries for visitors: identity by token hash, what they tell us, where they are. */
import { VISITOR_PAGES_KEPT } from '@parley/shared';
import type Database from 'better-sqlite3';
import { nowIso } from '../../clock';
import { newId } from '../../tokens';
import type { Store } from '../store';
import { toConversation, toVisitor, type ConversationRow, type VisitorRow } from './rows';
import { withoutFsync } from './sqlite-sync-mode';

type VisitorStore = Pick<
  Store,
  | 'createVisitor' | 'findVisitorByTokenHash' | 'findVisitorById' | 'startVisit' | 'updateVisitorContext'
  | 'identifyVisitor' | 'listVisitorConversations'
>;

export function sqliteVisitors(db: Database.Database): VisitorStore {
  const byId = db.prepare<[string], VisitorRow>('SELECT * FROM visitors WHERE id = ?');
  const find = (id: string) => {
    const row = byId.get(id);
    return row ? toVisitor(row) : null;
  };
  const insertVisitor = db.prepare('INSERT INTO visitors (id, site_id, token_hash, locale, created_at) VALUES (?, ?, ?, ?, ?)');
  const visitStarts = db.prepare<[string | null, string, string | null, string], VisitorRow>(
    'UPDATE visitors SET user_agent = ?, visit_started_at = ?, locale = COALESCE(?, locale) WHERE id = ? RETURNING *',
  );
  return {
    // Neither waits for the disk (see withoutFsync): a visitor who has sent nothing loses nothing.
    async createVisitor({ siteId, tokenHash, locale }) {
      const id = newId();
      withoutFsync(db, () => insertVisitor.run(id, siteId, tokenHash, locale, nowIso()));
      return find(id) as NonNullable<ReturnType<typeof find>>;
    },
    async findVisitorByTokenHash(siteId, tokenHash) {
      const row = db
        .prepare<[string, string], VisitorRow>('SELECT * FROM visitors WHERE site_id = ? AND token_hash = ?')
        .get(siteId, tokenHash);
      return row ? toVisitor(row) : null;
    },
    async findVisitorById(id) {
      return find(id);
    },
    async startVisit(visitorId, { userAgent, at, locale = null }) {
      const row = withoutFsync(db, () => visitStarts.get(userAgent, at, locale, visitorId));
      return row ? toVisitor(row) : null;
    },
    async updateVisitorContext(visitorId, context) {
      const page = JSON.stringify({ url: context.pageUrl, title: context.pageTitle, at: nowIso() });
      // One statement: SET expressions read the row as it was, so page_url is the previous page. A new
      // address joins the history (the oldest goes past VISITOR_PAGES_KEPT); the same one again does not.
      const row = db
        .prepare<{ url: string; title: string; referrer: string; page: string; kept: number; id: string }, VisitorRow>(
          `UPDATE visitors SET page_url = @url, page_title = @title, referrer = COALESCE(referrer, NULLIF(@referrer, '')),
             pages_json = CASE WHEN page_url IS @url THEN pages_json ELSE (
               SELECT CASE WHEN json_array_length(added) > @kept THEN json_remove(added, '$[0]') ELSE added END
               FROM (SELECT json_insert(COALESCE(pages_json, '[]'), '$[#]', json(@page)) AS added)
             ) END
           WHERE id = @id RETURNING *`,
        )
        .get({ url: context.pageUrl, title: context.pageTitle, referrer: context.referrer, page, kept: VISITOR_PAGES_KEPT, id: visitorId });
      return row ? toVisitor(row) : null;
    },
    async identifyVisitor(visitorId, identity) {
      return db.transaction(() => {
        const row = db
          .prepare<[string | null, string | null, string], VisitorRow>(
            // A verified identity changes only through a signed identify (sqlite-visitor-identity.ts).
            'UPDATE visitors SET name = COALESCE(?, name), email = COALESCE(?, email) WHERE id = ? AND verified = 0 RETURNING *',
          )
          .get(identity.name ?? null, identity.email ?? null, visitorId);
        if (row?.name) {
          db.prepare("UPDATE conversations SET visitor_name = ? WHERE visitor_id = ? AND status <> 'resolved'").run(row.name, visitorId);
        }
        return row ? toVisitor(row) : null;
      })();
    },
    async listVisitorConversations(siteId, visitorId) {
      return db
        .prepare<[string, string], ConversationRow>(
          'SELECT * FROM conversations WHERE site_id = ? AND visitor_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 100',
        )
        .all(siteId, visitorId)
        .map(toConversation);
    },
  };
}
