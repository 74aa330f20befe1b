/** A settings patch changes what it names and nothing else. */
import {
  DEFAULT_SITE_SETTINGS, PARLEY_LANGUAGES, pickSiteLanguage, SiteSettingsPatchSchema, siteLanguagesProblem, type SiteLanguages,
  SiteSettingsSchema, SLA_RESOLUTION_BEFORE_FIRST_RESPONSE, slaTargetProblems, PHONE_NUMBER_PROBLEM,
} from './site-settings';

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

describe('languages', () => {
  const languages = (offered: SiteLanguages['offered'], fallback: SiteLanguages['default']): SiteLanguages => ({ offered, default: fallback });

  test('a new site offers all ten of Parley\'s languages, English by default', () => {
    expect(DEFAULT_SITE_SETTINGS.languages).toEqual({ offered: [...PARLEY_LANGUAGES], default: 'en' });
    expect(PARLEY_LANGUAGES).toHaveLength(10);
  });

  test('a patch may name only the default or only the offered languages; unknown languages are refused', () => {
    expect(SiteSettingsPatchSchema.parse({ languages: { default: 'de' } })).toEqual({ languages: { default: 'de' } });
    expect(SiteSettingsPatchSchema.parse({ languages: { offered: ['de', 'fr'] } })).toEqual({ languages: { offered: ['de', 'fr'] } });
    expect(SiteSettingsPatchSchema.safeParse({ languages: { offered: ['de', 'ja'] } }).success).toBe(false);
    expect(SiteSettingsPatchSchema.safeParse({ languages: { offered: [] } }).success).toBe(false);
    expect(SiteSettingsPatchSchema.safeParse({ languages: { default: 'ja' } }).success).toBe(false);
  });

  test('the default must be among the offered languages, each named once', () => {
    expect(siteLanguagesProblem(languages(['de', 'fr'], 'fr'))).toBeNull();
    expect(siteLanguagesProblem(languages(['de', 'fr'], 'en'))).toEqual({ path: 'languages.default', message: 'must be one of the offered languages' });
    expect(siteLanguagesProblem(languages(['de', 'de'], 'de'))?.path).toBe('languages.offered');
  });

  test('a visitor gets the first browser language the site offers, else the site default', () => {
    const site = languages(['de', 'fr', 'en'], 'de');
    expect(pickSiteLanguage(site, ['ru-RU', 'fr-CA', 'en'])).toBe('fr');
    expect(pickSiteLanguage(site, ['EN_gb'])).toBe('en');
    expect(pickSiteLanguage(site, ['ru', 'es', null, undefined])).toBe('de');
    expect(pickSiteLanguage(site, [])).toBe('de');
  });
});

describe('SLA targets', () => {
  const slaPatch = (firstResponseMinutes: number, resolutionMinutes: number) => ({
    sla: { '1': { normal: { firstResponseMinutes, resolutionMinutes } } },
  });

  test('a resolution target shorter than the first response is refused, on the resolution field', () => {
    const result = SiteSettingsPatchSchema.safeParse(slaPatch(2000, 60));
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ['sla', '1', 'normal', 'resolutionMinutes'], message: SLA_RESOLUTION_BEFORE_FIRST_RESPONSE }),
    ]);
  });

  test('a resolution as long as the first response or longer is taken, and so is the whole default table', () => {
    expect(SiteSettingsPatchSchema.safeParse(slaPatch(60, 60)).success).toBe(true);
    expect(SiteSettingsPatchSchema.safeParse(slaPatch(60, 2000)).success).toBe(true);
    expect(SiteSettingsPatchSchema.safeParse({ sla: DEFAULT_SITE_SETTINGS.sla }).success).toBe(true);
  });

  test('half a target cannot be judged alone: the server judges it merged with the stored half', () => {
    expect(SiteSettingsPatchSchema.safeParse({ sla: { '2': { low: { resolutionMinutes: 5 } } } }).success).toBe(true);
    expect(slaTargetProblems({ '2': { low: { firstResponseMinutes: 30, resolutionMinutes: 5 } } })).toEqual([
      { path: ['sla', '2', 'low', 'resolutionMinutes'], message: SLA_RESOLUTION_BEFORE_FIRST_RESPONSE },
    ]);
  });

  test('stored settings saved before the rule are still read as they are', () => {
    const stored = { ...DEFAULT_SITE_SETTINGS, sla: { ...DEFAULT_SITE_SETTINGS.sla, '1': { ...DEFAULT_SITE_SETTINGS.sla['1'], normal: { firstResponseMinutes: 2000, resolutionMinutes: 60 } } } };
    expect(SiteSettingsSchema.parse(stored).sla['1'].normal).toEqual({ firstResponseMinutes: 2000, resolutionMinutes: 60 });
  });
});

describe("the contact card's phone", () => {
  const phonePatch = (phone: string) => SiteSettingsPatchSchema.safeParse({ contact: { phone } });

  test('numbers as people write them are saved, extensions included, and so is no number at all', () => {
    for (const phone of ['+375 (17) 000-00-00', '+1 555.010.0100', '0800 123 456 ext. 12', '+44 20 7946 0000 x204', '112', '']) {
      expect(phonePatch(phone).success).toBe(true);
    }
  });

  test('text that dials nothing is refused on the phone field, saying what a number may hold', () => {
    for (const phone of ['call me maybe', 'ext. 12', '+', '555-0100 or 555-0101', 'tel:5550100']) {
      const result = phonePatch(phone);
      expect(result.success).toBe(false);
      expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['contact', 'phone'], message: PHONE_NUMBER_PROBLEM })]);
    }
  });

  test('a card stored before the rule still loads as it is', () => {
    const stored = { ...DEFAULT_SITE_SETTINGS, contact: { phone: 'call me maybe', email: '', hoursNote: '' } };
    expect(SiteSettingsSchema.parse(stored).contact.phone).toBe('call me maybe');
  });
});
