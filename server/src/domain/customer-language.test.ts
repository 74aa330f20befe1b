import { DEFAULT_SITE_SETTINGS } from '@parley/shared';
import { customerLanguage } from './customer-language';

const site = { languages: { offered: ['de', 'fr'] as ('de' | 'fr')[], default: 'fr' as const } };

test('e-mails continue in the conversation\'s language, then the visitor\'s', () => {
  expect(customerLanguage(site, ['de-AT', 'en'])).toBe('de');
  expect(customerLanguage(site, [null, 'pt-BR'])).toBe('pt');
  // A language Parley has is kept even if the site does not offer it now: the chat was in it.
  expect(customerLanguage(site, ['ru'])).toBe('ru');
});

test('without a language Parley has, the site\'s default, not English', () => {
  expect(customerLanguage(site, ['ja', null, undefined])).toBe('fr');
  expect(customerLanguage(DEFAULT_SITE_SETTINGS, ['ja'])).toBe('en');
});
