/** sitemap.xml of a help centre: every published article, with its translations as hreflang alternates. */
import type { KbArticleLink } from '@parley/shared';

const escapeXml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

export interface SitemapModel {
  articles: (KbArticleLink & { updatedAt: string; alternates: KbArticleLink[] })[];
}

export function renderSitemap(model: SitemapModel, homeUrl: string): string {
  const urls = model.articles.map((article) => {
    const alternates = article.alternates.length > 1
      ? article.alternates.map((a) => `\n    <xhtml:link rel="alternate" hreflang="${escapeXml(a.language)}" href="${escapeXml(a.url)}"/>`).join('')
      : '';
    return `  <url>\n    <loc>${escapeXml(article.url)}</loc>\n    <lastmod>${escapeXml(article.updatedAt)}</lastmod>${alternates}\n  </url>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">
  <url>\n    <loc>${escapeXml(homeUrl)}</loc>\n  </url>
${urls.join('\n')}
</urlset>
`;
}
