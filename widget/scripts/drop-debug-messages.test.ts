/** @jest-environment node */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { withoutDebugMessages } from './drop-debug-messages';

describe('withoutDebugMessages', () => {
  it("empties i18next's debug-only logger calls and keeps its errors and everything else", () => {
    const source = [
      "if (!lng) this.logger.warn('init: no languageDetector is used', this.options);",
      "this.logger.once(`lng:${l}`, 'deprecate', `changeLanguage: the language code '${l}' is not configured`);",
      "baseLogger.deprecate('init: this init() replaces the logger');",
      "this.logger.error('No Intl support, please use an Intl polyfill!');",
      "console.warn('not i18next');",
      'const answer = 42;',
    ].join('\n');
    expect(withoutDebugMessages(source)).toBe(
      [
        'if (!lng) this.logger.warn();',
        'this.logger.once();',
        'baseLogger.deprecate();',
        "this.logger.error('No Intl support, please use an Intl polyfill!');",
        "console.warn('not i18next');",
        'const answer = 42;',
      ].join('\n'),
    );
  });

  it('leaves a module without such calls alone', () => {
    expect(withoutDebugMessages('export const a = 1;')).toBeNull();
  });

  it("still finds the messages in the installed i18next (else the panel silently grows by about 1.8 KB gzip)", () => {
    const i18nextMain = createRequire(__filename).resolve('i18next');
    const esm = readFileSync(join(i18nextMain, '../../esm/i18next.js'), 'utf8');
    const result = withoutDebugMessages(esm);
    expect(result).not.toBeNull();
    expect(result).not.toContain('This means something IS WRONG in your setup');
    expect(result).toContain('You are passing an undefined module!');
    expect(esm.length - (result ?? esm).length).toBeGreaterThan(3000);
  });
});
