/** SQLite: a signed identity lands on the visitor in one conditional UPDATE (never over another user). */
import type Database from 'better-sqlite3';
import type { VisitorIdentityStore } from '../visitor-identity.store';
import { toVisitor, type VisitorRow } from './rows';

export function sqliteVisitorIdentity(db: Database.Database): VisitorIdentityStore {
  const verify = db.prepare<{ id: string; userId: string; name: string | null; email: string | null }, VisitorRow>(
    `UPDATE visitors SET user_id = @userId, verified = 1, name = COALESCE(@name, name), email = COALESCE(@email, email)
     WHERE id = @id AND (verified = 0 OR user_id = @userId) RETURNING *`,
  );
  const nameOpenConversations = db.prepare<[string, string]>(
    "UPDATE conversations SET visitor_name = ? WHERE visitor_id = ? AND status <> 'resolved'",
  );
  return {
    async verifyVisitorIdentity(visitorId, { userId, name, email }) {
      return db.transaction(() => {
        const row = verify.get({ id: visitorId, userId, name: name ?? null, email: email ?? null });
        if (row?.name) nameOpenConversations.run(row.name, visitorId);
        return row ? toVisitor(row) : null;
      })();
    },
  };
}
