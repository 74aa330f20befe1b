/** The public help centre under /help/:siteKey: home, article, search, sitemap, and "did this help?" forms. */
import { KbLanguageSchema, KbSlugSchema, SiteKeySchema } from '@parley/shared';
import express, { Router, type Request, type Response } from 'express';
import helmet from 'helmet';
import { DomainError } from '../domain/domain-error';
import type { HelpCentreService } from '../domain/help-centre.service';
import type { KbLinks } from '../domain/kb-links';
import { voterKey } from '../domain/kb-self-service';
import { createTranslator, pickLanguage, RTL_LANGUAGES } from '../locales';
import { clientAddress } from '../security/client-address';
import type { PublicFormLimits } from '../security/public-form-limits';
import { newId } from '../tokens';
import { renderSitemap } from './help-centre-sitemap';
import {
  articleBody, HELP_CENTRE_STYLE_HASH, homeBody, localPath, notFoundBody, renderPage, searchBody, type LanguageChoice, type PageChrome,
} from './help-centre.view';

const translate = createTranslator('help-center');
const VOTER_COOKIE = 'parley_kb_voter';
const VOTER_COOKIE_VALUE = /^[A-Za-z0-9_-]{22}$/;
/** Pages change when an admin edits; a minute of caching keeps crawlers and busy days cheap. */
const PUBLIC_CACHE = 'public, max-age=60';

const dirOf = (lang: string): 'ltr' | 'rtl' => (RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr');

/**
 * ?lang first, then the language in the address (a missing article under /es/… is answered in Spanish),
 * then the browser's Accept-Language, as primary subtags.
 */
function preferredLanguages(req: Request): string[] {
  const fromAddress = [req.query.lang, req.params.lang].flatMap((value) => {
    const parsed = KbLanguageSchema.safeParse(value);
    return parsed.success ? [parsed.data] : [];
  });
  const accepted = req.acceptsLanguages().map((tag) => tag.split('-')[0]?.toLowerCase() ?? '').filter((tag) => /^[a-z]{2,3}$/.test(tag));
  return [...new Set([...fromAddress, ...accepted])];
}

/** The language picker: each of the help centre's languages, to this page's version in it. */
const languageChoices = (languages: string[], urlIn: (language: string) => string): LanguageChoice[] =>
  languages.map((language) => ({ language, url: urlIn(language) }));

/** The browser's random id for one vote per article; set on its first vote. */
function browserId(req: Request, res: Response): string {
  const match = /(?:^|;\s*)parley_kb_voter=([^;]*)/.exec(req.get('cookie') ?? '');
  if (match?.[1] && VOTER_COOKIE_VALUE.test(match[1])) return match[1];
  const id = newId();
  res.cookie(VOTER_COOKIE, id, { httpOnly: true, sameSite: 'lax', path: '/help', maxAge: 365 * 24 * 3600_000, secure: req.secure });
  return id;
}

export function createHelpCentreRouter(deps: {
  helpCentre: HelpCentreService;
  links: KbLinks;
  limits: Pick<PublicFormLimits, 'beforeArticleVote'>;
}): Router {
  const { helpCentre, links, limits } = deps;
  const router = Router();
  router.use(
    '/help',
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          'default-src': ["'none'"], 'style-src': [HELP_CENTRE_STYLE_HASH], 'img-src': ["'self'", 'https:', 'data:'],
          'form-action': ["'self'"], 'base-uri': ["'none'"], 'frame-ancestors': ["'self'"],
        },
      },
      referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    }),
  );

  /**
   * An unknown site, language or article: a 404 page in the reader's language, under the site's name
   * when the site is there. Other errors go on.
   */
  async function sendNotFound(req: Request, res: Response, error: unknown): Promise<void> {
    if (!(error instanceof DomainError) || (error.code !== 'NOT_FOUND' && error.code !== 'SITE_NOT_FOUND')) throw error;
    const preferred = preferredLanguages(req);
    const parsedKey = SiteKeySchema.safeParse(req.params.siteKey);
    const siteKey = error.code === 'NOT_FOUND' && parsedKey.success ? parsedKey.data : null;
    // In the language the site's home page would speak, so "back home" and the picker stay in it.
    const site = siteKey ? await helpCentre.missingPage({ siteKey, preferred }).catch(() => null) : null;
    const lang = site?.language ?? pickLanguage(preferred[0]);
    const t = translate(lang);
    const home = siteKey ? links.home(siteKey, site ? lang : undefined) : null;
    const chrome: PageChrome = {
      t, lang, dir: dirOf(lang), title: t('not_found_title'), description: t('not_found'), canonical: null, alternates: [],
      noindex: true, homeUrl: home ?? '/', searchUrl: parsedKey.success ? links.search(parsedKey.data) : '/', siteName: site?.site.name ?? '',
      notice: null, languageChoices: siteKey && site ? languageChoices(site.languages, (l) => links.home(siteKey, l)) : [],
    };
    res.status(404).set('Cache-Control', 'no-store').type('html').send(renderPage(chrome, notFoundBody(t, home)));
  }

  type PageResult = { chrome: Omit<PageChrome, 't' | 'dir'>; body: (t: PageChrome['t']) => string };
  function page(render: (req: Request, res: Response) => Promise<PageResult>) {
    return async (req: Request, res: Response) => {
      try {
        const { chrome, body } = await render(req, res);
        const t = translate(chrome.lang);
        res.type('html').send(renderPage({ ...chrome, t, dir: dirOf(chrome.lang) }, body(t)));
      } catch (error) {
        await sendNotFound(req, res, error);
      }
    };
  }

  const siteKeyOf = (req: Request): string => {
    const parsed = SiteKeySchema.safeParse(req.params.siteKey);
    if (!parsed.success) throw new DomainError('SITE_NOT_FOUND', 'There is no help centre here.');
    return parsed.data;
  };

  router.get('/help/:siteKey', page(async (req, res) => {
    const siteKey = siteKeyOf(req);
    const home = await helpCentre.home({ siteKey, preferred: preferredLanguages(req) });
    res.set({ 'Cache-Control': PUBLIC_CACHE, Vary: 'Accept-Language' });
    const t = translate(home.language);
    const choices = languageChoices(home.languages, (l) => links.home(siteKey, l));
    return {
      chrome: {
        lang: home.language, title: t('title', { site: home.site.name }), description: t('home_description', { site: home.site.name }),
        canonical: links.home(siteKey, home.language),
        alternates: [...choices.map((c): [string, string] => [c.language, c.url]), ['x-default', links.home(siteKey)]],
        homeUrl: links.home(siteKey, home.language), searchUrl: links.search(siteKey), siteName: home.site.name, notice: home.notice,
        languageChoices: choices,
      },
      body: (tt) => homeBody(home, tt),
    };
  }));

  router.get('/help/:siteKey/sitemap.xml', async (req, res, next) => {
    const parsed = SiteKeySchema.safeParse(req.params.siteKey);
    if (!parsed.success) return next();
    try {
      const sitemap = await helpCentre.sitemap(parsed.data);
      res.set('Cache-Control', PUBLIC_CACHE).type('application/xml').send(renderSitemap(sitemap, links.home(parsed.data)));
    } catch (error) {
      if (error instanceof DomainError && error.code === 'SITE_NOT_FOUND') return next();
      throw error;
    }
  });

  router.get('/help/:siteKey/search', page(async (req, res) => {
    const siteKey = siteKeyOf(req);
    const query = typeof req.query.q === 'string' ? req.query.q.trim().slice(0, 200) : '';
    const found = await helpCentre.search({ siteKey, preferred: preferredLanguages(req), query });
    res.set({ 'Cache-Control': PUBLIC_CACHE, Vary: 'Accept-Language' });
    const t = translate(found.language);
    return {
      chrome: {
        lang: found.language, title: `${query ? t('search_title', { query }) : t('search_button')} · ${found.site.name}`,
        description: t('home_description', { site: found.site.name }), canonical: null, alternates: [], noindex: true,
        homeUrl: links.home(siteKey, found.language), searchUrl: links.search(siteKey), siteName: found.site.name, query, notice: found.notice,
        languageChoices: languageChoices(found.languages, (l) => links.search(siteKey, { language: l, query })),
      },
      body: (tt) => searchBody(found, tt),
    };
  }));

  const articleParams = (req: Request) => {
    const language = KbLanguageSchema.safeParse(req.params.lang);
    const slug = KbSlugSchema.safeParse(req.params.slug);
    if (!language.success || !slug.success) throw new DomainError('NOT_FOUND', 'There is no such article.');
    return { siteKey: siteKeyOf(req), language: language.data, slug: slug.data };
  };

  router.get('/help/:siteKey/:lang/:slug', page(async (req, res) => {
    const params = articleParams(req);
    const found = await helpCentre.article(params);
    const voted = req.query.voted === '1';
    res.set('Cache-Control', voted ? 'no-store' : PUBLIC_CACHE);
    const { article } = found;
    const versions = [article, ...article.translations];
    // x-default: the version in the site's default language, if the article has one.
    const fallback = versions.find((l) => l.language === found.defaultLanguage);
    return {
      chrome: {
        lang: article.language, title: `${article.title} · ${found.site.name}`, description: article.summary || article.title,
        canonical: article.url,
        alternates: [
          [article.language, article.url], ...article.translations.map((l): [string, string] => [l.language, l.url]),
          ['x-default', fallback?.url ?? article.url],
        ],
        homeUrl: links.home(params.siteKey, article.language), searchUrl: links.search(params.siteKey), siteName: found.site.name,
        notice: found.notice,
        // The article's own version in a language, as "Also available in" lists them; else that language's home page.
        languageChoices: languageChoices(
          found.languages, (l) => versions.find((v) => v.language === l)?.url ?? links.home(params.siteKey, l),
        ),
      },
      body: (t) => articleBody(found, { t, voteUrl: `${localPath(article.url)}/vote`, voted }),
    };
  }));

  router.post(
    '/help/:siteKey/:lang/:slug/vote',
    express.urlencoded({ extended: false, limit: '1kb', parameterLimit: 2 }),
    async (req, res) => {
      try {
        const params = articleParams(req);
        const helpful = (req.body as Record<string, unknown> | undefined)?.helpful;
        if (helpful !== 'yes' && helpful !== 'no') throw new DomainError('NOT_FOUND', 'There is no such vote.');
        // One vote per browser is a cookie a script need not keep: past a few an hour from one
        // network, a vote is thanked for and not counted.
        const counted = await limits.beforeArticleVote(clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'])).then(
          () => true,
          (error: unknown) => (error instanceof DomainError && error.code === 'RATE_LIMITED' ? false : Promise.reject(error)),
        );
        if (counted) await helpCentre.vote({ ...params, voterKey: voterKey.browser(browserId(req, res)), helpful: helpful === 'yes' });
        // Post/redirect/get: a reload does not send the form again.
        res.redirect(303, `${localPath(links.article(params.siteKey, params))}?voted=1`);
      } catch (error) {
        await sendNotFound(req, res, error);
      }
    },
  );

  return router;
}
