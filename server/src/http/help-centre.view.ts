/** Server-rendered help-centre pages: indexable, no scripts, the reader's language and direction; text always escaped. */
import type { KbPublicArticleSummary, PublicStatusNotice } from '@parley/shared';
import type { TFunction } from 'i18next';
import { createHash } from 'node:crypto';
import type { HelpCentreArticle, HelpCentreHome, HelpCentreSearch } from '../domain/help-centre.service';
import { translatedHtml } from './translated-html';

/** Links within the help centre stay on the host the page was served from; canonical URLs stay absolute. */
export const localPath = (url: string): string => url.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]+/i, '');

export const escapeHtml = (value: string): string => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A language's name in that language ("Русский", "Español"), as language switchers show it. */
function autonym(code: string): string {
  const name = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
  return name.charAt(0).toLocaleUpperCase(code) + name.slice(1);
}

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1f2933;line-height:1.55}
header{background:#1d3a8a;color:#fff;padding:28px 16px}
header a{color:#fff;text-decoration:none}
.bar{display:flex;flex-wrap:wrap;align-items:center;justify-content:space-between;gap:8px 16px}
.languages{position:relative;margin-inline-start:auto}
.languages summary{display:flex;align-items:center;gap:6px;list-style:none;cursor:pointer;padding:6px 12px;border:1px solid rgba(255,255,255,.45);border-radius:8px;font-size:.95rem}
.languages summary::-webkit-details-marker{display:none}
.languages summary::after{content:"";border:solid currentColor;border-width:0 2px 2px 0;padding:2.5px;transform:translateY(-2px) rotate(45deg);margin-inline-start:4px}
.languages details[open] summary,.languages summary:hover{background:rgba(255,255,255,.12)}
.languages ul{position:absolute;inset-inline-end:0;top:100%;z-index:10;min-width:180px;margin:6px 0 0;padding:6px 0;list-style:none;background:#fff;border-radius:10px;box-shadow:0 6px 24px rgba(0,0,0,.18)}
.languages ul a{display:block;padding:8px 16px;color:#1f2933}
.languages ul a:hover{background:#f1f4f9}
.languages ul a[aria-current]{font-weight:600;color:#1d3a8a;background:#e8eefc}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.wrap{max-width:780px;margin:0 auto;padding:0 16px}
main.wrap{padding-top:24px;padding-bottom:48px}
h1{margin:0 0 8px;font-size:1.7rem}
form.search{display:flex;gap:8px;margin-top:16px}
form.search input{flex:1;min-width:0;padding:10px 12px;border-radius:8px;border:0;font:inherit}
button{background:#1d3a8a;color:#fff;border:0;border-radius:8px;padding:10px 16px;font:inherit;cursor:pointer}
header button{background:#fff;color:#1d3a8a}
.card{background:#fff;border-radius:12px;padding:20px 24px;box-shadow:0 1px 3px rgba(0,0,0,.08);margin-bottom:16px}
.card h2{margin-top:0;font-size:1.2rem}
ul.articles{list-style:none;padding:0;margin:0}
ul.articles li{padding:8px 0;border-bottom:1px solid #eef0f3}
ul.articles li:last-child{border-bottom:0}
.summary{color:#52606d;margin:2px 0 0;font-size:.95rem}
.notice{border-radius:10px;padding:12px 16px;margin-bottom:16px;border:1px solid}
.notice-info{background:#e8f1fd;border-color:#b6d0f7}
.notice-warning{background:#fff6e0;border-color:#f5d48a}
.notice-outage{background:#fde8e8;border-color:#f3b0b0}
.meta,.langs{color:#52606d;font-size:.9rem}
.body img{max-width:100%}
.body pre{overflow:auto;background:#f1f3f5;padding:12px;border-radius:8px}
.body table{border-collapse:collapse}.body td,.body th{border:1px solid #d9dee3;padding:4px 8px}
.vote form{display:inline}
.vote button{margin-inline-end:8px}
.thanks{background:#e3f9e5;border-radius:8px;padding:10px 14px}
`;

/** The stylesheet is inline; the CSP allows exactly it by hash, and no script at all. */
export const HELP_CENTRE_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

export interface PageChrome {
  t: TFunction;
  lang: string;
  dir: 'ltr' | 'rtl';
  title: string;
  description: string;
  canonical: string | null;
  /** hreflang -> URL, including x-default. */
  alternates: [string, string][];
  noindex?: boolean;
  homeUrl: string;
  searchUrl: string;
  siteName: string;
  query?: string;
  notice: PublicStatusNotice | null;
  /** The language picker's entries; none (or one) leaves the picker out. */
  languageChoices: LanguageChoice[];
}

/** One entry of the language picker: a language and where switching to it goes. */
export interface LanguageChoice {
  language: string;
  url: string;
}

const GLOBE_ICON = '<svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" aria-hidden="true" focusable="false">'
  + '<circle cx="12" cy="12" r="10"/><path d="M2 12h20M12 2a15.3 15.3 0 0 1 4 10 15.3 15.3 0 0 1-4 10 15.3 15.3 0 0 1-4-10 15.3 15.3 0 0 1 4-10z"/></svg>';

/** Plain links in a disclosure, so switching needs no script; each name in its own language. */
function languagePicker(chrome: PageChrome): string {
  if (chrome.languageChoices.length < 2) return '';
  const label = escapeHtml(chrome.t('language_label'));
  const options = chrome.languageChoices.map(({ language, url }) => {
    const code = escapeHtml(language);
    const current = language === chrome.lang ? ' aria-current="true"' : '';
    return `<li><a href="${escapeHtml(localPath(url))}" hreflang="${code}" lang="${code}"${current}>${escapeHtml(autonym(language))}</a></li>`;
  });
  return `<nav class="languages" aria-label="${label}" data-testid="language-picker"><details>
      <summary>${GLOBE_ICON}<span class="visually-hidden">${label}: </span><span>${escapeHtml(autonym(chrome.lang))}</span></summary>
      <ul>${options.join('')}</ul>
    </details></nav>`;
}

function noticeHtml(notice: PublicStatusNotice | null, t: TFunction, lang: string): string {
  if (!notice) return '';
  const posted = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(notice.postedAt));
  return `<div class="notice notice-${notice.severity}" role="${notice.severity === 'info' ? 'status' : 'alert'}" data-testid="status-notice">
  ${translatedHtml(t, 'notice_line', { html: { label: `<strong>${escapeHtml(t(`notice_label.${notice.severity}`))}</strong>`, text: `<bdi>${escapeHtml(notice.text)}</bdi>` }, escape: escapeHtml })}
  <div class="meta">${escapeHtml(t('posted', { date: posted }))}</div>
</div>`;
}

export function renderPage(chrome: PageChrome, body: string): string {
  const { t } = chrome;
  const links = [
    chrome.canonical ? `<link rel="canonical" href="${escapeHtml(chrome.canonical)}">` : '',
    ...chrome.alternates.map(([hreflang, href]) => `<link rel="alternate" hreflang="${escapeHtml(hreflang)}" href="${escapeHtml(href)}">`),
  ].filter(Boolean);
  return `<!doctype html>
<html lang="${escapeHtml(chrome.lang)}" dir="${chrome.dir}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(chrome.title)}</title>
<meta name="description" content="${escapeHtml(chrome.description)}">
${chrome.noindex ? '<meta name="robots" content="noindex">\n' : ''}${links.join('\n')}
<style>${STYLE}</style>
</head>
<body>
<header><div class="wrap">
  <div class="bar">
    <a href="${escapeHtml(localPath(chrome.homeUrl))}"><strong>${escapeHtml(t('title', { site: chrome.siteName }))}</strong></a>
    ${languagePicker(chrome)}
  </div>
  <form class="search" method="get" action="${escapeHtml(localPath(chrome.searchUrl))}" role="search">
    <input type="hidden" name="lang" value="${escapeHtml(chrome.lang)}">
    <input type="search" name="q" maxlength="200" value="${escapeHtml(chrome.query ?? '')}" aria-label="${escapeHtml(t('search_label'))}" placeholder="${escapeHtml(t('search_placeholder'))}">
    <button type="submit">${escapeHtml(t('search_button'))}</button>
  </form>
</div></header>
<main class="wrap">
${noticeHtml(chrome.notice, t, chrome.lang)}
${body}
</main>
</body>
</html>`;
}

function articleList(articles: KbPublicArticleSummary[]): string {
  return `<ul class="articles">${articles
    .map((a) => `<li><a href="${escapeHtml(localPath(a.url))}">${escapeHtml(a.title)}</a>${a.summary ? `<p class="summary">${escapeHtml(a.summary)}</p>` : ''}</li>`)
    .join('')}</ul>`;
}

export function homeBody(page: HelpCentreHome, t: TFunction): string {
  if (page.sections.length === 0) return `<div class="card"><h1>${escapeHtml(t('home_heading'))}</h1><p>${escapeHtml(t('no_articles'))}</p></div>`;
  return `<h1>${escapeHtml(t('home_heading'))}</h1>
${page.sections
  .map((s) => `<section class="card"><h2>${escapeHtml(s.category?.name ?? t('other_articles'))}</h2>${articleList(s.articles)}</section>`)
  .join('\n')}`;
}

export function articleBody(page: HelpCentreArticle, options: { t: TFunction; voteUrl: string; voted: boolean }): string {
  const { article } = page;
  const { t } = options;
  const updated = new Intl.DateTimeFormat(page.language, { dateStyle: 'long' }).format(new Date(article.updatedAt));
  const translations = article.translations.length
    ? `<p class="langs">${translatedHtml(t, 'other_languages_list', {
        html: {
          languages: article.translations
            .map((l) => `<a href="${escapeHtml(localPath(l.url))}" hreflang="${escapeHtml(l.language)}" lang="${escapeHtml(l.language)}">${escapeHtml(autonym(l.language))}</a>`)
            .join(' · '),
        },
        escape: escapeHtml,
      })}</p>`
    : '';
  const vote = options.voted
    ? `<p class="thanks" role="status">${escapeHtml(t('helpful_thanks'))}</p>`
    : `<form method="post" action="${escapeHtml(options.voteUrl)}">
    <span>${escapeHtml(t('helpful_question'))}</span>
    <button type="submit" name="helpful" value="yes">${escapeHtml(t('helpful_yes'))}</button>
    <button type="submit" name="helpful" value="no">${escapeHtml(t('helpful_no'))}</button>
  </form>`;
  return `<article class="card">
  ${page.categoryName ? `<p class="meta">${escapeHtml(page.categoryName)}</p>` : ''}
  <h1>${escapeHtml(article.title)}</h1>
  <p class="meta">${escapeHtml(t('updated', { date: updated }))}</p>
  ${translations}
  <div class="body">${article.html}</div>
</article>
<section class="card vote" data-testid="vote">${vote}</section>`;
}

export function searchBody(page: HelpCentreSearch, t: TFunction): string {
  if (!page.query) return `<div class="card"><p>${escapeHtml(t('search_prompt'))}</p></div>`;
  return `<section class="card"><h1>${escapeHtml(t('search_title', { query: page.query }))}</h1>
${page.results.length ? articleList(page.results) : `<p>${escapeHtml(t('search_empty'))}</p>`}</section>`;
}

export function notFoundBody(t: TFunction, homeUrl: string | null): string {
  return `<div class="card"><h1>${escapeHtml(t('not_found_title'))}</h1><p>${escapeHtml(t('not_found'))}</p>${
    homeUrl ? `<p><a href="${escapeHtml(localPath(homeUrl))}">${escapeHtml(t('back_home'))}</a></p>` : ''
  }</div>`;
}
