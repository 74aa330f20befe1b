/**
 * The article as readers see it: the server's sanitised HTML, shown in a sandboxed frame
 * (no scripts, no same-origin access, a CSP of its own) so even a sanitiser slip stays harmless.
 */
const FRAME_STYLE = `
  body { font: 15px/1.6 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans Arabic', sans-serif;
         color: #1c2330; margin: 12px 16px; overflow-wrap: anywhere; }
  img { max-width: 100%; }
  pre { background: #f0f2f5; padding: 8px 12px; overflow-x: auto; border-radius: 6px; }
  blockquote { margin-inline: 0; padding-inline-start: 12px; border-inline-start: 3px solid #dde1e7; color: #5d6676; }
  table { border-collapse: collapse; } th, td { border: 1px solid #dde1e7; padding: 4px 8px; }
`;

export const RTL_LANGUAGES: readonly string[] = ['ar', 'he', 'fa', 'ur', 'yi', 'ps', 'sd', 'ug'];

export function savedArticleDocument(html: string, language: string): string {
  const csp = "default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'";
  const dir = RTL_LANGUAGES.includes(language) ? 'rtl' : 'ltr';
  return `<!doctype html><html lang="${language.replace(/[^a-z-]/gi, '')}" dir="${dir}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${csp}"><style>${FRAME_STYLE}</style></head><body>${html}</body></html>`;
}

export function SavedArticleView(props: { html: string; language: string; title: string }) {
  return (
    <iframe
      class="kb-saved-view"
      title={props.title}
      sandbox=""
      referrerpolicy="no-referrer"
      srcdoc={savedArticleDocument(props.html, props.language)}
      data-testid="kb-saved-view"
    />
  );
}
