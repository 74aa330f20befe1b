/** Adds a stylesheet to the panel's page: a constructed sheet (no CSP question), else a <style> element. */
export function adoptStyles(doc: Document, css: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  } catch {
    // Browsers without constructable stylesheets (Safari before 16.4); the panel's CSP allows inline styles.
    doc.head.append(Object.assign(doc.createElement('style'), { textContent: css }));
  }
}
