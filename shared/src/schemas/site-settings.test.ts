/** A settings patch changes what it names and nothing else. */
import { DEFAULT_SITE_SETTINGS, SiteSettingsPatchSchema } from './site-settings';

test('a patch of one field parses to that field alone, with no defaults filled in', () => {
  expect(SiteSettingsPatchSchema.parse({ routingMode: 'pick' })).toEqual({ routingMode: 'pick' });
  expect(SiteSettingsPatchSchema.parse({ widget: { color: '#0a7d4f' } })).toEqual({ widget: { color: '#0a7d4f' } });
});

test('a patch still validates what it carries, and refuses unknown keys', () => {
  expect(SiteSettingsPatchSchema.safeParse({ widget: { color: 'green' } }).success).toBe(false);
  expect(SiteSettingsPatchSchema.safeParse({ routingMode: 'round-robin' }).success).toBe(false);
  expect(SiteSettingsPatchSchema.safeParse({ nope: 1 }).success).toBe(false);
  expect(SiteSettingsPatchSchema.safeParse({ widget: { nope: 1 } }).success).toBe(false);
});

test('the defaults are what a new site starts with', () => {
  expect(DEFAULT_SITE_SETTINGS).toMatchObject({ routingMode: 'auto', waitLimitSeconds: 300, openingHours: null });
});
