/**
 * Which endpoints of a site subscribe to which event types, kept between events. Every message
 * asks, and nearly always the answer is "none": asking SQLite each time was a few percent of a busy
 * relay. The cache is never stale: this connection's own endpoint writes forget the site, and
 * `PRAGMA data_version` changes whenever another connection (another process) commits anything,
 * which drops the whole cache. It is read once per event-loop turn (a read of its own costs as much
 * as the query it saves), so a change another process commits is seen from the next turn on.
 * Losing the cache costs one query per site.
 */
import type Database from 'better-sqlite3';

interface EndpointEventsRow {
  id: string;
  events_json: string;
}

export interface WebhookSubscriptionCache {
  /** Ids of the site's enabled endpoints subscribed to `type`. */
  subscribers(siteId: string, type: string): string[];
  /** Call on every write to a site's endpoints. */
  forget(siteId: string): void;
}

export function webhookSubscriptionCache(db: Database.Database): WebhookSubscriptionCache {
  const enabledOf = db.prepare<[string], EndpointEventsRow>(
    'SELECT id, events_json FROM webhook_endpoints WHERE site_id = ? AND enabled = 1 ORDER BY created_at, id',
  );
  const dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  const bySite = new Map<string, Map<string, string[]>>();
  let seenVersion = dataVersion.get();
  let versionReadThisTurn = false;

  function dropIfAnotherConnectionWrote(): void {
    if (versionReadThisTurn) return;
    versionReadThisTurn = true;
    setImmediate(() => (versionReadThisTurn = false));
    const version = dataVersion.get();
    if (version === seenVersion) return;
    bySite.clear();
    seenVersion = version;
  }

  function load(siteId: string): Map<string, string[]> {
    const byType = new Map<string, string[]>();
    for (const row of enabledOf.all(siteId)) {
      const events: unknown = JSON.parse(row.events_json);
      if (!Array.isArray(events)) continue;
      for (const type of events) {
        if (typeof type !== 'string') continue;
        const ids = byType.get(type) ?? [];
        ids.push(row.id);
        byType.set(type, ids);
      }
    }
    bySite.set(siteId, byType);
    return byType;
  }

  return {
    subscribers(siteId, type) {
      dropIfAnotherConnectionWrote();
      return (bySite.get(siteId) ?? load(siteId)).get(type) ?? [];
    },
    forget(siteId) {
      bySite.delete(siteId);
    },
  };
}
