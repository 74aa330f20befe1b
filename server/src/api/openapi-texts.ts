/** The prose of the API reference: authentication, scopes, pages, errors and the webhook signature. */
import { API_PAGE_LIMIT_DEFAULT, API_PAGE_LIMIT_MAX, WEBHOOK_SIGNATURE_HEADER } from '@parley/shared';

export const TAG_DESCRIPTIONS: Record<string, string> = {
  Conversations: 'Live chats and their messages.',
  Contacts: 'Visitors of the site, with what they asked.',
  Tickets: 'Requests that outlive a chat: list, timeline, create, update, reply.',
  'Knowledge base': 'Help-centre articles.',
  Agents: 'The people who answer.',
  Departments: 'The teams chats and tickets are routed to.',
  Analytics: 'The report the console charts.',
  'API tokens': 'Credentials for integrations; managed from an admin session.',
  Webhooks: 'Signed HTTP callbacks when something happens.',
};

export const WEBHOOK_DESCRIPTION = [
  `Parley POSTs \`{ id, type, createdAt, data }\` as JSON. Verify \`${WEBHOOK_SIGNATURE_HEADER}: t=<unix>,v1=<hex>\`:`,
  'compute HMAC-SHA256 over `<t>.<raw body>` with the endpoint secret, compare in constant time, and refuse a `t` more',
  'than 5 minutes away from your clock. Failed deliveries are retried with exponential backoff (30 s doubling, at most',
  '4 h apart) for 24 hours; deduplicate by the event `id`. See docs/webhooks.md for a Node example.',
].join(' ');

export function apiDescription(): string {
  return [
    'The REST API of a Parley installation, for integrations.',
    '',
    '## Authentication',
    'Send `Authorization: Bearer <token>`. Admins create API tokens (`pk_live_…`) under **API tokens**; a token acts as',
    'the admin who created it and stops working when revoked or when that admin is deactivated. `read` tokens get 403',
    'on every route whose scope is `write`. An agent’s session token (POST /api/agent/login) works too, with that',
    'agent’s rights.',
    '',
    '## Pages',
    `Lists answer \`{ data, nextCursor }\`. Pass \`nextCursor\` back as \`cursor\` for the next page; it is null on the last.`,
    `\`limit\` is ${API_PAGE_LIMIT_DEFAULT} by default and at most ${API_PAGE_LIMIT_MAX}. Cursors are opaque and tied to`,
    'the list and order they came from. Single records answer `{ data }`.',
    '',
    '## Errors',
    'Every error answers `{ error: { code, message, issues? } }` with a stable `code` (VALIDATION_FAILED, UNAUTHENTICATED,',
    'FORBIDDEN, NOT_FOUND, …); `issues` lists the fields of a VALIDATION_FAILED.',
    '',
    '## Webhooks',
    WEBHOOK_DESCRIPTION,
  ].join('\n');
}
