/** Versioned schema migrations for the SQLite store; `PRAGMA user_version` records how far we are. */
import type Database from 'better-sqlite3';
import { isBusy } from './constraint-errors';
import { registerUnicodeLower } from './unicode-lower';

/** Append only: a shipped migration is never edited, a new one is added after it. */
const MIGRATIONS: string[] = [
  `
  CREATE TABLE sites (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE agents (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites(id),
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin','agent')),
    status TEXT NOT NULL DEFAULT 'offline' CHECK (status IN ('online','away','offline')),
    active INTEGER NOT NULL DEFAULT 1,
    password_hash TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE TABLE agent_sessions (
    token_hash TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents(id),
    expires_at TEXT NOT NULL
  );
  CREATE TABLE visitors (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites(id),
    token_hash TEXT NOT NULL UNIQUE,
    name TEXT,
    email TEXT,
    locale TEXT,
    created_at TEXT NOT NULL
  );
  CREATE TABLE conversations (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites(id),
    visitor_id TEXT NOT NULL REFERENCES visitors(id),
    visitor_name TEXT,
    status TEXT NOT NULL CHECK (status IN ('queued','assigned','resolved')),
    assigned_agent_id TEXT REFERENCES agents(id),
    locale TEXT,
    last_seq INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  -- One open conversation per visitor and site, held by the store itself.
  CREATE UNIQUE INDEX conversations_one_open_per_visitor
    ON conversations (site_id, visitor_id) WHERE status <> 'resolved';
  CREATE INDEX conversations_by_site_status ON conversations (site_id, status, created_at);
  CREATE INDEX conversations_by_visitor ON conversations (site_id, visitor_id, created_at);
  CREATE TABLE messages (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id),
    seq INTEGER NOT NULL,
    client_id TEXT NOT NULL,
    author_kind TEXT NOT NULL,
    author_id TEXT,
    author_name TEXT,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (conversation_id, client_id),
    UNIQUE (conversation_id, seq)
  );
  `,
  // 2: routing — site settings, agent skills and capacity, departments, queue timestamps.
  `
  ALTER TABLE sites ADD COLUMN settings_json TEXT NOT NULL DEFAULT '{}';
  ALTER TABLE agents ADD COLUMN department_ids_json TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE agents ADD COLUMN languages_json TEXT NOT NULL DEFAULT '[]';
  ALTER TABLE agents ADD COLUMN max_chats INTEGER NOT NULL DEFAULT 4;
  ALTER TABLE agents ADD COLUMN last_seen_at TEXT;
  CREATE TABLE departments (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites(id),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (site_id, name)
  );
  ALTER TABLE conversations ADD COLUMN department_id TEXT REFERENCES departments(id);
  ALTER TABLE conversations ADD COLUMN queued_at TEXT;
  ALTER TABLE conversations ADD COLUMN assigned_at TEXT;
  ALTER TABLE conversations ADD COLUMN first_response_at TEXT;
  ALTER TABLE conversations ADD COLUMN awaiting_agent_since TEXT;
  ALTER TABLE conversations ADD COLUMN resolved_at TEXT;
  ALTER TABLE conversations ADD COLUMN declined_agent_ids_json TEXT NOT NULL DEFAULT '[]';
  UPDATE conversations SET queued_at = created_at WHERE queued_at IS NULL;
  CREATE INDEX conversations_queue ON conversations (site_id, status, queued_at);
  CREATE INDEX conversations_by_agent ON conversations (assigned_agent_id, status);
  CREATE INDEX conversations_awaiting ON conversations (awaiting_agent_since) WHERE awaiting_agent_since IS NOT NULL;
  ALTER TABLE messages ADD COLUMN internal INTEGER NOT NULL DEFAULT 0;
  `,
  // 3: the agent workspace — visitor context, helping agents, canned replies.
  `
  ALTER TABLE visitors ADD COLUMN page_url TEXT;
  ALTER TABLE visitors ADD COLUMN page_title TEXT;
  ALTER TABLE visitors ADD COLUMN referrer TEXT;
  ALTER TABLE visitors ADD COLUMN user_agent TEXT;
  ALTER TABLE visitors ADD COLUMN visit_started_at TEXT;
  ALTER TABLE conversations ADD COLUMN participant_agent_ids_json TEXT NOT NULL DEFAULT '[]';
  CREATE TABLE canned_replies (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites(id),
    shortcut TEXT NOT NULL,
    text TEXT NOT NULL,
    department_id TEXT REFERENCES departments(id),
    owner_agent_id TEXT REFERENCES agents(id),
    -- '' stands for "none" so that the unique index treats site-wide replies as one scope.
    scope_key TEXT NOT NULL,
    UNIQUE (site_id, scope_key, shortcut)
  );
  `,
  // 4: tickets — numbered per site, one per conversation, with a timeline.
  `
  ALTER TABLE sites ADD COLUMN next_ticket_number INTEGER NOT NULL DEFAULT 1001;
  ALTER TABLE conversations ADD COLUMN ticket_id TEXT;
  CREATE TABLE tickets (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites(id),
    number INTEGER NOT NULL,
    conversation_id TEXT UNIQUE REFERENCES conversations(id),
    visitor_id TEXT REFERENCES visitors(id),
    subject TEXT NOT NULL,
    requester_name TEXT,
    requester_email TEXT,
    requester_locale TEXT NOT NULL DEFAULT 'en',
    status TEXT NOT NULL CHECK (status IN ('new','open','pending','on_hold','solved','closed')),
    priority TEXT NOT NULL CHECK (priority IN ('low','normal','high','urgent')),
    tier INTEGER NOT NULL CHECK (tier IN (1,2,3)),
    department_id TEXT REFERENCES departments(id),
    assignee_agent_id TEXT REFERENCES agents(id),
    tags_json TEXT NOT NULL DEFAULT '[]',
    source TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    tier_started_at TEXT NOT NULL,
    first_response_due_at TEXT,
    resolution_due_at TEXT,
    first_responded_at TEXT,
    solved_at TEXT,
    closed_at TEXT,
    pending_since TEXT,
    reminded_at TEXT,
    rating INTEGER,
    rating_comment TEXT,
    UNIQUE (site_id, number)
  );
  CREATE INDEX tickets_by_site_status ON tickets (site_id, status, updated_at);
  CREATE INDEX tickets_by_visitor ON tickets (site_id, visitor_id);
  -- Secrets every process of this installation shares (e.g. the key that signs ticket links).
  CREATE TABLE instance_secrets (name TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE ticket_events (
    id TEXT PRIMARY KEY,
    ticket_id TEXT NOT NULL REFERENCES tickets(id),
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,
    author_kind TEXT NOT NULL,
    author_id TEXT,
    author_name TEXT,
    text TEXT,
    changes_json TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    UNIQUE (ticket_id, seq)
  );
  `,
  // 5: durable e-mail outbox — nothing is dropped; failed sends are retried.
  `
  CREATE TABLE email_outbox (
    id TEXT PRIMARY KEY,
    site_id TEXT,
    to_address TEXT NOT NULL,
    locale TEXT NOT NULL,
    template TEXT NOT NULL,
    data_json TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending','sending','sent','failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
  );
  CREATE INDEX email_outbox_due ON email_outbox (status, next_attempt_at);
  `,
  // 6: satisfaction ratings of chats.
  `
  ALTER TABLE conversations ADD COLUMN rating INTEGER;
  ALTER TABLE conversations ADD COLUMN rating_comment TEXT;
  ALTER TABLE conversations ADD COLUMN rated_at TEXT;
  `,
  // 7: knowledge base — categories, articles per language with a full-text index, feedback, status notices.
  `
  CREATE TABLE kb_categories (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites(id),
    slug TEXT NOT NULL,
    names_json TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (site_id, slug)
  );
  -- doc_id is the rowid the search index points at: an explicit INTEGER PRIMARY KEY survives VACUUM.
  CREATE TABLE kb_articles (
    doc_id INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    site_id TEXT NOT NULL REFERENCES sites(id),
    category_id TEXT REFERENCES kb_categories(id) ON DELETE SET NULL,
    language TEXT NOT NULL,
    translation_group_id TEXT NOT NULL,
    slug TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    body_markdown TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft','published')),
    helpful_count INTEGER NOT NULL DEFAULT 0,
    not_helpful_count INTEGER NOT NULL DEFAULT 0,
    solved_count INTEGER NOT NULL DEFAULT 0,
    human_count INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    published_at TEXT,
    UNIQUE (site_id, language, slug),
    UNIQUE (translation_group_id, language)
  );
  CREATE INDEX kb_articles_by_site ON kb_articles (site_id, language, status, updated_at);
  CREATE INDEX kb_articles_by_category ON kb_articles (category_id);
  -- Contentless: the store writes folded text (accents, ё, harakat removed; CJK split per character)
  -- in the same transaction as every article write, and ranks by it; articles keep the original.
  CREATE VIRTUAL TABLE kb_articles_fts USING fts5(
    title, summary, body, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2'
  );
  CREATE TABLE kb_article_feedback (
    article_id TEXT NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('vote','deflection')),
    voter_key TEXT NOT NULL,
    value TEXT NOT NULL CHECK (value IN ('helpful','not_helpful','solved','human')),
    at TEXT NOT NULL,
    PRIMARY KEY (article_id, kind, voter_key)
  );
  CREATE TABLE kb_status_notices (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites(id),
    text TEXT NOT NULL,
    severity TEXT NOT NULL CHECK (severity IN ('info','warning','outage')),
    posted_at TEXT NOT NULL,
    withdrawn_at TEXT
  );
  CREATE UNIQUE INDEX kb_status_notices_one_active ON kb_status_notices (site_id) WHERE withdrawn_at IS NULL;
  `,
  // 8: analytics — read a year of chats from indexes alone: grouped per agent and department
  // in index order (no sort), arrivals per 15-minute slot (the expression sqlite-analytics.ts groups by).
  `
  CREATE INDEX conversations_analytics ON conversations (
    site_id, assigned_agent_id, department_id, created_at, status, ticket_id, first_response_at, resolved_at, rating
  );
  CREATE INDEX conversations_arrivals ON conversations (
    site_id, (substr(created_at, 1, 14) || printf('%02d', (CAST(substr(created_at, 15, 2) AS INTEGER) / 15) * 15)), created_at
  );
  CREATE INDEX tickets_analytics ON tickets (site_id, assignee_agent_id, department_id, created_at);
  `,
  // 9: trust — rate-limit counters every process shares (fixed window per key), and visitors whose
  // identity the site signed (HMAC): their user id and the verified mark unsigned identifies cannot change.
  `
  CREATE TABLE rate_counters (
    key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    reset_at TEXT NOT NULL
  ) WITHOUT ROWID;
  CREATE INDEX rate_counters_expiry ON rate_counters (reset_at);
  ALTER TABLE visitors ADD COLUMN user_id TEXT;
  ALTER TABLE visitors ADD COLUMN verified INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX visitors_by_user ON visitors (site_id, user_id) WHERE user_id IS NOT NULL;
  `,
  // 10: platform — API tokens (hashed), webhook endpoints and their durable delivery queue, and
  // keyset indexes for the REST API's pages (newest first by time, id as the tie-breaker).
  `
  CREATE TABLE api_tokens (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites(id),
    name TEXT NOT NULL,
    scope TEXT NOT NULL CHECK (scope IN ('read','read-write')),
    token_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_by_agent_id TEXT NOT NULL REFERENCES agents(id),
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
  );
  CREATE INDEX api_tokens_by_site ON api_tokens (site_id, created_at);
  CREATE TABLE webhook_endpoints (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites(id),
    url TEXT NOT NULL,
    description TEXT NOT NULL,
    events_json TEXT NOT NULL,
    enabled INTEGER NOT NULL,
    allow_private_targets INTEGER NOT NULL,
    secret TEXT NOT NULL,
    created_by_agent_id TEXT NOT NULL REFERENCES agents(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX webhook_endpoints_by_site ON webhook_endpoints (site_id, created_at);
  CREATE TABLE webhook_deliveries (
    id TEXT PRIMARY KEY,
    endpoint_id TEXT NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
    site_id TEXT NOT NULL,
    event_id TEXT NOT NULL,
    event_type TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending','sending','delivered','failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    response_status INTEGER,
    last_error TEXT,
    next_attempt_at TEXT NOT NULL,
    lease_until TEXT,
    created_at TEXT NOT NULL,
    delivered_at TEXT,
    UNIQUE (endpoint_id, event_id)
  );
  CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
  CREATE INDEX webhook_deliveries_log ON webhook_deliveries (endpoint_id, created_at, id);
  CREATE INDEX conversations_by_site_created ON conversations (site_id, created_at, id);
  CREATE INDEX visitors_by_site_created ON visitors (site_id, created_at, id);
  CREATE INDEX tickets_by_site_created ON tickets (site_id, created_at, id);
  CREATE INDEX tickets_by_site_updated ON tickets (site_id, updated_at, id);
  `,
  // 11: attachments — who uploaded which file into which conversation, and the message it went out
  // with (the bytes live in the file store); messages keep their files' metadata as they were sent.
  `
  CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites(id),
    conversation_id TEXT REFERENCES conversations(id),
    uploader_kind TEXT NOT NULL CHECK (uploader_kind IN ('visitor','agent')),
    uploader_id TEXT NOT NULL,
    file_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    size INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    is_image INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    message_client_id TEXT,
    internal INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX attachments_by_message ON attachments (conversation_id, message_client_id);
  CREATE INDEX attachments_unsent ON attachments (created_at) WHERE message_client_id IS NULL;
  ALTER TABLE messages ADD COLUMN attachments_json TEXT;
  `,
  // 12: read receipts — the highest message seq each side has read.
  `
  ALTER TABLE conversations ADD COLUMN visitor_read_seq INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE conversations ADD COLUMN agent_read_seq INTEGER NOT NULL DEFAULT 0;
  `,
  // 13: agents' credentials — two-factor secrets and recovery codes, pending second factors, reset links.
  `
  CREATE TABLE agent_two_factor (
    agent_id TEXT PRIMARY KEY REFERENCES agents(id),
    secret_cipher TEXT NOT NULL,
    enabled_at TEXT,
    last_used_step INTEGER
  );
  CREATE TABLE agent_recovery_codes (
    agent_id TEXT NOT NULL REFERENCES agents(id),
    code_hash TEXT NOT NULL,
    PRIMARY KEY (agent_id, code_hash)
  );
  CREATE TABLE agent_sign_in_challenges (
    token_hash TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents(id),
    expires_at TEXT NOT NULL
  );
  CREATE TABLE agent_password_resets (
    token_hash TEXT PRIMARY KEY,
    agent_id TEXT NOT NULL REFERENCES agents(id),
    expires_at TEXT NOT NULL
  );
  CREATE INDEX agent_sessions_by_agent ON agent_sessions (agent_id);
  `,
  // 14: privacy — the erasure log (who erased, when, how many records; never whose), and the
  // indexes erasure and retention read by: visitors by e-mail, tickets by requester, e-mails by address.
  `
  CREATE TABLE erasures (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites(id),
    at TEXT NOT NULL,
    actor_kind TEXT NOT NULL CHECK (actor_kind IN ('agent','visitor','retention')),
    actor_agent_id TEXT,
    actor_name TEXT,
    counts_json TEXT NOT NULL
  );
  CREATE INDEX erasures_by_site ON erasures (site_id, at);
  CREATE INDEX visitors_by_email ON visitors (site_id, lower(email)) WHERE email IS NOT NULL;
  CREATE INDEX tickets_by_requester ON tickets (site_id, lower(requester_email)) WHERE requester_email IS NOT NULL;
  CREATE INDEX email_outbox_by_address ON email_outbox (site_id, lower(to_address));
  CREATE INDEX conversations_resolved_by_update ON conversations (site_id, updated_at) WHERE status = 'resolved';
  CREATE INDEX attachments_by_uploader ON attachments (uploader_kind, uploader_id);
  `,
  // 15: the pages a visitor went to (the last ten, as JSON), for agents.
  `
  ALTER TABLE visitors ADD COLUMN pages_json TEXT;
  `,
  // 16: deleted departments stay as rows (removed_at set), because conversations, tickets and
  // canned replies reference them by foreign key and resolved chats keep their department as
  // history; a name is unique among the live ones only, so it can be used again. The UNIQUE table
  // constraint cannot be dropped in place: the table is rebuilt. Dropping it breaks those
  // references for a moment, so their checks wait for the commit (defer_foreign_keys), and
  // inserting the same ids back satisfies them again.
  `
  PRAGMA defer_foreign_keys = ON;
  CREATE TEMP TABLE departments_before_16 AS SELECT id, site_id, name, created_at FROM departments;
  DROP TABLE departments;
  CREATE TABLE departments (
    id TEXT PRIMARY KEY,
    site_id TEXT NOT NULL REFERENCES sites(id),
    name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    removed_at TEXT
  );
  INSERT INTO departments (id, site_id, name, created_at) SELECT id, site_id, name, created_at FROM departments_before_16;
  DROP TABLE departments_before_16;
  CREATE UNIQUE INDEX departments_live_name ON departments (site_id, name) WHERE removed_at IS NULL;
  `,
  // 17: a message's client id leads its uniqueness index. The widget and the console start their
  // client ids with the time they made them (client-id.ts in each), so a new message's entry lands
  // at the growing end of that index rather than on a random page of it: a page less to write per
  // message (a fifth of a message's writes with thousands of chats open). Uniqueness is the same
  // pair of columns. The table constraint cannot be changed in place: the table is rebuilt, same
  // columns and rows; nothing references messages by foreign key.
  `
  CREATE TABLE messages_17 (
    id TEXT PRIMARY KEY,
    conversation_id TEXT NOT NULL REFERENCES conversations(id),
    seq INTEGER NOT NULL,
    client_id TEXT NOT NULL,
    author_kind TEXT NOT NULL,
    author_id TEXT,
    author_name TEXT,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL,
    internal INTEGER NOT NULL DEFAULT 0,
    attachments_json TEXT,
    UNIQUE (client_id, conversation_id),
    UNIQUE (conversation_id, seq)
  );
  INSERT INTO messages_17 (rowid, id, conversation_id, seq, client_id, author_kind, author_id, author_name, text, created_at, internal, attachments_json)
    SELECT rowid, id, conversation_id, seq, client_id, author_kind, author_id, author_name, text, created_at, internal, attachments_json
    FROM messages ORDER BY rowid;
  DROP TABLE messages;
  ALTER TABLE messages_17 RENAME TO messages;
  `,
  // 18: when each conversation's latest message was stored, set by the same UPDATE that numbers the
  // message. Chat lists showed updated_at, which assignment, requeue, transfer and invitations move
  // too: an agent going offline and back made every chat of theirs read "now". Filled in from each
  // conversation's highest-numbered message (the (conversation_id, seq) index finds it).
  `
  ALTER TABLE conversations ADD COLUMN last_message_at TEXT;
  UPDATE conversations SET last_message_at =
    (SELECT m.created_at FROM messages m WHERE m.conversation_id = conversations.id ORDER BY m.seq DESC LIMIT 1)
  WHERE last_seq > 0;
  `,
  // 19: the latest message's preview for chat lists (store/message-preview.ts), set by the same
  // UPDATE that numbers each message. Filled in from each conversation's highest-numbered message
  // as messagePreviewOf would: on one line, cut to 140 characters (SQLite counts code points), or the
  // file names of a message with files only. Internal notes too: only agents are sent the preview.
  `
  ALTER TABLE conversations ADD COLUMN last_message_text TEXT;
  ALTER TABLE conversations ADD COLUMN last_message_author_kind TEXT;
  ALTER TABLE conversations ADD COLUMN last_message_author_id TEXT;
  ALTER TABLE conversations ADD COLUMN last_message_internal INTEGER;
  CREATE TEMP TABLE latest_19 AS
    SELECT m.conversation_id, m.author_kind, m.author_id, m.internal,
      CASE WHEN trim(m.text) <> '' THEN
        trim(replace(replace(replace(replace(replace(replace(m.text, char(13), ' '), char(10), ' '), char(9), ' '),
          '    ', ' '), '  ', ' '), '  ', ' '))
      ELSE coalesce((SELECT group_concat(json_extract(f.value, '$.name'), ', ') FROM json_each(m.attachments_json) f), '')
      END AS text
    FROM messages m
    JOIN (SELECT conversation_id, MAX(seq) AS seq FROM messages GROUP BY conversation_id) top
      ON top.conversation_id = m.conversation_id AND top.seq = m.seq;
  UPDATE conversations SET
    last_message_text = CASE WHEN length(l.text) > 140 THEN rtrim(substr(l.text, 1, 140)) || '…' ELSE l.text END,
    last_message_author_kind = l.author_kind, last_message_author_id = l.author_id, last_message_internal = l.internal
  FROM latest_19 l WHERE l.conversation_id = conversations.id;
  DROP TABLE latest_19;
  `,
  // 20: a ticket's SLA clocks stand still while it waits on its requester (pending); the minutes they
  // stood still in the current tier, already added to its due dates, so that a priority change can
  // count its new due dates from the tier's start and still leave them out. Tickets so far: none.
  `
  ALTER TABLE tickets ADD COLUMN sla_paused_minutes INTEGER NOT NULL DEFAULT 0;
  `,
  // 21: what a system line records (a transfer, an invitation: ChatEventSchema), as JSON; NULL on
  // every other message. Earlier messages have none: nothing to fill in.
  `
  ALTER TABLE messages ADD COLUMN event_json TEXT;
  `,
  // 22: where a ticket event came from outside Parley (a reply by e-mail's Message-ID), so that a
  // second delivery of it is not stored twice. Earlier events have none.
  `
  ALTER TABLE ticket_events ADD COLUMN source_key TEXT;
  CREATE UNIQUE INDEX ticket_events_one_per_source ON ticket_events (ticket_id, source_key) WHERE source_key IS NOT NULL;
  `,
  // 23: what runs on every new chat and every sweep reads only the rows it asks for, not a year of
  // history: each agent's latest assignment (routing; with 100,000 chats the old plan read every chat
  // an agent ever had, ~200 ms a new chat), chats still waiting for a first answer, a site's tickets
  // due to close or to remind (oldest first), a visitor's tickets newest first, and the webhook log's
  // oldest ended deliveries (pruning read and sorted the whole 30-day log, one row per event and endpoint).
  `
  CREATE INDEX conversations_last_assigned ON conversations (assigned_agent_id, assigned_at);
  CREATE INDEX conversations_unanswered ON conversations (site_id, queued_at) WHERE status <> 'resolved' AND first_response_at IS NULL;
  CREATE INDEX tickets_to_close ON tickets (site_id, solved_at) WHERE status = 'solved';
  CREATE INDEX tickets_to_remind ON tickets (site_id, pending_since) WHERE status = 'pending';
  DROP INDEX tickets_by_visitor;
  CREATE INDEX tickets_by_visitor ON tickets (site_id, visitor_id, created_at);
  CREATE INDEX webhook_deliveries_ended ON webhook_deliveries (created_at) WHERE status IN ('delivered','failed');
  `,
  // 24: files an agent sends with a ticket's reply or note. An upload names the ticket it went into
  // (its message_client_id then holds the reply's key, so the unsent-upload purge keeps covering it),
  // and each ticket event keeps its files' metadata as they were sent (NULL for none). Earlier
  // uploads belong to chats and earlier events have no files: nothing to fill in.
  `
  ALTER TABLE attachments ADD COLUMN ticket_id TEXT;
  ALTER TABLE ticket_events ADD COLUMN attachments_json TEXT;
  CREATE INDEX attachments_by_ticket ON attachments (ticket_id, message_client_id) WHERE ticket_id IS NOT NULL;
  `,
  // 25: a department's name (among the site's live ones) and a canned reply's shortcut (within its
  // scope) are unique regardless of case: "Billing" and "billing" are one department, /hello and
  // /HELLO one shortcut. Each row keeps its name as typed and gains the form it is compared in
  // (unique-name-key.ts: trimmed, lower-cased by unicode_lower, which folds more than ASCII, as
  // NOCASE and lower() do not) under a unique index. Rows an older Parley let in as case variants of
  // one another keep their names: the oldest of each group gets the key, the others none (NULL, which
  // a unique index keeps apart), so the index is always built, nothing stored is renamed or lost, and
  // the admin, who sees both, renames or deletes one; a rename sets its key and is checked then.
  // Renaming them here with a suffix would change names visitors pick in the pre-chat form and
  // shortcuts agents type, without anyone asking; building the index only where no duplicate exists
  // would leave those sites unguarded for good.
  `
  ALTER TABLE departments ADD COLUMN name_key TEXT;
  CREATE TEMP TABLE department_keys_25 AS
    SELECT id, ROW_NUMBER() OVER (PARTITION BY site_id, unicode_lower(trim(name)) ORDER BY created_at, id) AS place,
      unicode_lower(trim(name)) AS name_key
    FROM departments WHERE removed_at IS NULL;
  UPDATE departments SET name_key = k.name_key FROM department_keys_25 k WHERE k.id = departments.id AND k.place = 1;
  DROP TABLE department_keys_25;
  CREATE UNIQUE INDEX departments_live_name_key ON departments (site_id, name_key) WHERE removed_at IS NULL;

  ALTER TABLE canned_replies ADD COLUMN shortcut_key TEXT;
  CREATE TEMP TABLE canned_keys_25 AS
    SELECT id, ROW_NUMBER() OVER (PARTITION BY site_id, scope_key, unicode_lower(trim(shortcut)) ORDER BY rowid) AS place,
      unicode_lower(trim(shortcut)) AS shortcut_key
    FROM canned_replies;
  UPDATE canned_replies SET shortcut_key = k.shortcut_key FROM canned_keys_25 k WHERE k.id = canned_replies.id AND k.place = 1;
  DROP TABLE canned_keys_25;
  CREATE UNIQUE INDEX canned_replies_shortcut_key ON canned_replies (site_id, scope_key, shortcut_key);
  `,
  // 26: the status an agent chose (online, away, offline), apart from the status in effect: a console
  // that connects after a disconnect-caused offline brings back the choice, so an agent who chose
  // Offline stays offline through a reload or a restart. Who chose Offline before cannot be told
  // from who was disconnected: they start as online, as every reconnect brought them until now.
  `
  ALTER TABLE agents ADD COLUMN chosen_status TEXT NOT NULL DEFAULT 'online';
  UPDATE agents SET chosen_status = 'away' WHERE status = 'away';
  `,
  // 27: whether the visitor of an open chat is still on the site, for its agents, and when a page of
  // theirs was last seen connected (processes heartbeat their visitors; one that stops without saying
  // so leaves its visitors to the sweep). Chats open at the upgrade count as seen at their last change:
  // their visitors' pages reconnect to the upgraded processes, which says they are back.
  `
  ALTER TABLE conversations ADD COLUMN visitor_left_at TEXT;
  ALTER TABLE conversations ADD COLUMN visitor_seen_at TEXT;
  UPDATE conversations SET visitor_seen_at = updated_at WHERE status <> 'resolved';
  CREATE INDEX conversations_visitor_seen ON conversations (visitor_seen_at)
    WHERE status <> 'resolved' AND visitor_left_at IS NULL;
  `,
  // 28: who wrote each chat's first answer, so analytics credits it to them and not to whoever holds
  // the chat after a transfer or a requeue. Earlier chats get the author of their first public agent
  // message, as the append that set first_response_at saw it (a system line is no answer); one whose
  // messages are gone keeps NULL, and the report credits its holder as before. The analytics index
  // groups by it too (sqlite-analytics.ts), and a partial one finds the chats an agent answered first.
  `
  ALTER TABLE conversations ADD COLUMN first_response_agent_id TEXT;
  UPDATE conversations SET first_response_agent_id = (
    SELECT m.author_id FROM messages m
    WHERE m.conversation_id = conversations.id AND m.author_kind = 'agent' AND m.internal = 0 AND m.event_json IS NULL
    ORDER BY m.seq LIMIT 1
  ) WHERE first_response_at IS NOT NULL;
  DROP INDEX conversations_analytics;
  CREATE INDEX conversations_analytics ON conversations (
    site_id, assigned_agent_id, first_response_agent_id, department_id, created_at, status, ticket_id, first_response_at, resolved_at, rating
  );
  CREATE INDEX conversations_first_responses ON conversations (site_id, first_response_agent_id, created_at, assigned_agent_id)
    WHERE first_response_agent_id IS NOT NULL;
  `,
  // 29: who wrote each ticket's first public reply, as 28 for chats: after a tier-1 agent answers and the
  // ticket is reassigned, the answer and its time stay theirs. A move up a tier restarts the first-response
  // clock (ticket-sla.ts), so earlier tickets get the author of the first public agent reply since their
  // tier started, the one that set first_responded_at (a note, a change or the created entry is no answer);
  // one with no such reply left keeps NULL and the report credits its assignee as before. The analytics
  // query on tickets_analytics reads each ticket's row anyway (it is no covering index), so it needs no
  // new column; a partial index finds the tickets an agent answered first, the assignee in it to pass
  // over those they also hold without reading their rows.
  `
  ALTER TABLE tickets ADD COLUMN first_response_agent_id TEXT;
  UPDATE tickets SET first_response_agent_id = (
    SELECT e.author_id FROM ticket_events e
    WHERE e.ticket_id = tickets.id AND e.kind = 'reply' AND e.author_kind = 'agent' AND e.created_at >= tickets.tier_started_at
    ORDER BY e.seq LIMIT 1
  ) WHERE first_responded_at IS NOT NULL;
  CREATE INDEX tickets_first_responses ON tickets (site_id, first_response_agent_id, created_at, assignee_agent_id)
    WHERE first_response_agent_id IS NOT NULL;
  `,
];

/**
 * How long a starting process waits for another one's migration before giving up. An index built
 * over years of history can hold the write lock for minutes, far past the connection's busy_timeout
 * (5 s), and a process that gave up then would not start at all in a rolling upgrade.
 */
export const MIGRATION_LOCK_WAIT_MS = 10 * 60_000;

/** Brings the schema to `to` (the newest unless told: tests stop earlier to hold data an older version wrote). */
export function migrate(
  db: Database.Database,
  to = MIGRATIONS.length,
  lockWaitMs = MIGRATION_LOCK_WAIT_MS,
): { from: number; to: number } {
  // Migration 25 fills in keys with it; registering it again on an open store's connection is harmless.
  registerUnicodeLower(db);
  const giveUpAt = Date.now() + lockWaitMs;
  const from = whenTheLockIsFree(() => db.pragma('user_version', { simple: true }) as number, giveUpAt);
  if (from > MIGRATIONS.length) {
    throw new Error(
      `The database schema (version ${from}) is newer than this Parley (version ${MIGRATIONS.length}); refusing to open it.`,
    );
  }
  for (let version = from; version < to; version += 1) {
    const sql = MIGRATIONS[version] as string;
    const step = db.transaction(() => {
      // Read again under the write lock: another process starting at the same moment may have applied
      // this step while this one waited for the lock, and a second run of it would fail (an index or a
      // column that already exists) and stop this process from starting.
      if ((db.pragma('user_version', { simple: true }) as number) > version) return;
      db.exec(sql);
      db.pragma(`user_version = ${version + 1}`);
    });
    whenTheLockIsFree(() => step.immediate(), giveUpAt);
  }
  return { from, to };
}

/**
 * Runs `step`, trying again while another connection holds the lock it needs (each try waits
 * busy_timeout). Reads count too: one that finds the WAL mid-change answers SQLITE_BUSY as well.
 */
function whenTheLockIsFree<T>(step: () => T, giveUpAt: number): T {
  for (;;) {
    try {
      return step();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= giveUpAt) throw error;
      // A connection without busy_timeout would spin; start-up is synchronous anyway.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
}
