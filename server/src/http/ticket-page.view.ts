/** The public ticket page: status and thread in the requester's language; text is always escaped. */
import { MESSAGE_MAX_ATTACHMENTS, MESSAGE_MAX_LENGTH, type Ticket, type TicketEvent } from '@parley/shared';

/** What the file chooser offers: the kinds an upload accepts (the server still decides by the bytes). */
const ACCEPTED_FILES = 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,.docx,.xlsx';
import type { TFunction } from 'i18next';
import { translatedHtml } from './translated-html';

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Words given back in a textarea: HTML drops a line break right after `<textarea>`, so one that opens them is doubled. */
const textareaContent = (value: string | undefined): string => `${value?.startsWith('\n') ? '\n' : ''}${escapeHtml(value ?? '')}`;

export interface TicketPageModel {
  ticket: Ticket;
  events: TicketEvent[];
  /** Whose helpdesk this is, as the e-mails that link here name it. */
  siteName: string;
  token: string;
  t: TFunction;
  lang: string;
  dir: 'ltr' | 'rtl';
  notice?: TicketPageNotice;
  /** A reply that was not sent, back in its box. */
  draft?: string;
  /** A rating that was not saved, back in its form. */
  ratingDraft?: RatingDraft;
  /** The largest file a reply takes, in MB (said beside the file chooser). */
  maxFileMb: number;
}

/** The stars chosen (null when none was) and the comment typed for a rating the page did not take. */
export interface RatingDraft {
  score: number | null;
  comment: string;
}

/** A line at the top after a form post: it went through, or why it did not. */
export interface TicketPageNotice {
  text: string;
  problem: boolean;
}

function noticeHtml(notice: TicketPageNotice | undefined): string {
  if (!notice) return '';
  return notice.problem
    ? `<p class="notice problem" role="alert">${escapeHtml(notice.text)}</p>`
    : `<p class="notice" role="status">${escapeHtml(notice.text)}</p>`;
}

interface EventView {
  t: TFunction;
  dateFormat: Intl.DateTimeFormat;
  /** The page's own path: files download from under it. */
  base: string;
  lang: string;
  /** The ticket was a chat: its first entry is the chat's transcript. */
  fromChat: boolean;
}

/** "12 KB", "1.4 MB", in the page's language. */
function fileSize(bytes: number, lang: string): string {
  const [value, unit] = bytes < 1024 * 1024 ? [Math.max(1, Math.round(bytes / 1024)), 'kilobyte'] : [bytes / (1024 * 1024), 'megabyte'];
  return new Intl.NumberFormat(lang, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/** A reply's files: each a download from the page's own address (the link is the key, no other sign-in). */
function filesHtml(event: TicketEvent, view: EventView): string {
  if (event.attachments.length === 0) return '';
  const items = event.attachments.map(
    (file) => `<li><a href="${view.base}/files/${encodeURIComponent(file.id)}" download="${escapeHtml(file.name)}"><bdi>${escapeHtml(file.name)}</bdi></a> <span class="size">${escapeHtml(fileSize(file.size, view.lang))}</span></li>`,
  );
  return `<ul class="files" aria-label="${escapeHtml(view.t('files'))}" data-testid="ticket-event-files">${items.join('')}</ul>`;
}

/**
 * Whose words an entry holds. A chat's ticket opens with the chat's transcript, both sides' words:
 * not the requester's, nor the escalating agent's, whose name would otherwise head it. Any other
 * ticket opens with the request: the requester's words, also when an agent or the REST API wrote it
 * down for them (the e-mail that follows says "we received your request").
 */
function authorOf(event: TicketEvent, view: EventView): { who: string; side: 'mine' | 'team' | 'chat' } {
  if (event.kind === 'created' && view.fromChat) return { who: view.t('chat_transcript'), side: 'chat' };
  const mine = event.authorKind === 'requester' || event.kind === 'created';
  return mine ? { who: view.t('you'), side: 'mine' } : { who: event.authorName ?? view.t('team'), side: 'team' };
}

/**
 * Names and words are isolated from the page's direction, as in the widget: on an Arabic page a Latin
 * name would otherwise pull the date's day across it ("26 · Admin نوفمبر"), and an English reply would
 * show its full stop at the start.
 */
function eventHtml(event: TicketEvent, view: EventView): string {
  const { dateFormat } = view;
  const said = event.text?.trim() ? event.text : null;
  if ((!said && event.attachments.length === 0) || (event.kind !== 'reply' && event.kind !== 'created')) return '';
  const { who, side } = authorOf(event, view);
  return `<li class="event ${side}" data-testid="ticket-event">
  <div class="meta"><strong><bdi>${escapeHtml(who)}</bdi></strong> · <time datetime="${escapeHtml(event.createdAt)}">${escapeHtml(dateFormat.format(new Date(event.createdAt)))}</time></div>
  ${said ? `<div class="text" dir="auto">${escapeHtml(said)}</div>` : ''}
  ${filesHtml(event, view)}
</li>`;
}

export function renderTicketPage(model: TicketPageModel): string {
  const { ticket, t } = model;
  // The server does not know the requester's time zone: times are in UTC and say so (as the
  // transcript e-mail does), not in whatever zone the server process happens to run in, unnamed.
  const dateFormat = new Intl.DateTimeFormat(model.lang, {
    year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short',
  });
  const base = `/t/${encodeURIComponent(model.token)}`;
  const canReply = ticket.status !== 'closed';
  const canRate = (ticket.status === 'solved' || ticket.status === 'closed') && ticket.rating === null;
  const stars = [1, 2, 3, 4, 5]
    .map((score) => {
      const checked = model.ratingDraft?.score === score ? ' checked' : '';
      return `<label><input type="radio" name="score" value="${score}" required${checked}> ${escapeHtml(t('score_label', { score }))}</label>`;
    })
    .join('');
  return `<!doctype html>
<html lang="${escapeHtml(model.lang)}" dir="${model.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(t('title', { number: ticket.number }))}${model.siteName ? ` · ${escapeHtml(model.siteName)}` : ''}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 0; background: #f4f5f7; color: #1f2933; }
  main { max-width: 720px; margin: 32px auto; padding: 0 16px; }
  .card { background: #fff; border-radius: 12px; padding: 20px 24px; box-shadow: 0 1px 3px rgba(0,0,0,.08); margin-bottom: 16px; }
  h1 { font-size: 1.4rem; margin: 0 0 4px; }
  .site { font-weight: 600; color: #52606d; margin: 0 0 12px; }
  .status { display: inline-block; padding: 2px 10px; border-radius: 999px; background: #e0e8f9; color: #1d3a8a; font-weight: 600; }
  ol { list-style: none; padding: 0; margin: 0; }
  .event { padding: 12px 0; border-bottom: 1px solid #eef0f3; }
  .event.team .meta strong { color: #1d3a8a; }
  .event.chat .text { background: #f4f5f7; border-radius: 8px; padding: 8px 12px; }
  .text { white-space: pre-wrap; margin-top: 4px; overflow-wrap: anywhere; }
  textarea { width: 100%; min-height: 110px; box-sizing: border-box; font: inherit; padding: 8px; border-radius: 8px; border: 1px solid #c5cbd3; }
  button { margin-top: 8px; background: #1d3a8a; color: #fff; border: 0; border-radius: 8px; padding: 10px 18px; font: inherit; cursor: pointer; }
  .notice { background: #e3f9e5; border-radius: 8px; padding: 10px 14px; }
  .notice.problem { background: #fde8e8; }
  /* The question is the group's legend, said once: no fieldset box around the stars. */
  .stars { border: 0; padding: 0; margin: 0 0 12px; }
  .stars legend { padding: 0; }
  .stars label { display: inline-block; margin-inline-end: 12px; }
  .files { list-style: none; padding: 0; margin: 8px 0 0; }
  .files li { margin: 2px 0; }
  .files a { color: #1d3a8a; }
  .files .size { color: #616e7c; font-size: .9em; }
  .files-label { display: block; margin-top: 10px; }
  input[type=file] { display: block; margin-top: 4px; max-width: 100%; }
</style>
</head>
<body>
<main>
  ${model.siteName ? `<p class="site" data-testid="ticket-site">${escapeHtml(model.siteName)}</p>` : ''}
  <div class="card">
    <h1>${translatedHtml(t, 'title_with_subject', { values: { number: ticket.number }, html: { subject: `<bdi>${escapeHtml(ticket.subject)}</bdi>` }, escape: escapeHtml })}</h1>
    <p>${translatedHtml(t, 'status_line', { html: { status: `<span class="status" data-testid="ticket-status">${escapeHtml(t(`statuses.${ticket.status}`))}</span>` }, escape: escapeHtml })}</p>
    ${noticeHtml(model.notice)}
  </div>
  <div class="card">
    <h2>${escapeHtml(t('thread'))}</h2>
    <ol>${model.events.map((e) => eventHtml(e, { t, dateFormat, base, lang: model.lang, fromChat: ticket.conversationId !== null })).join('\n')}</ol>
  </div>
  ${
    canReply
      ? `<form class="card" method="post" action="${base}/reply" enctype="multipart/form-data">
    <label for="reply-text">${escapeHtml(t('reply_label'))}</label>
    <textarea id="reply-text" name="text" maxlength="${MESSAGE_MAX_LENGTH}">${textareaContent(model.draft)}</textarea>
    <label for="reply-files" class="files-label">${escapeHtml(t('files_label', { max: MESSAGE_MAX_ATTACHMENTS, mb: model.maxFileMb }))}</label>
    <input id="reply-files" type="file" name="files" multiple accept="${ACCEPTED_FILES}">
    <button type="submit">${escapeHtml(t('reply_button'))}</button>
  </form>`
      : `<p class="card">${escapeHtml(t('closed_note'))}</p>`
  }
  ${
    canRate
      ? `<form class="card" id="rate" method="post" action="${base}/rating">
    <fieldset class="stars"><legend><h2>${escapeHtml(t('rate_title'))}</h2></legend>${stars}</fieldset>
    <label for="rating-comment">${escapeHtml(t('rate_comment'))}</label>
    <textarea id="rating-comment" name="comment" maxlength="2000">${textareaContent(model.ratingDraft?.comment)}</textarea>
    <button type="submit">${escapeHtml(t('rate_button'))}</button>
  </form>`
      : ''
  }
</main>
</body>
</html>`;
}
