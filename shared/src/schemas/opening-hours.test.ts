/** Opening hours as a settings patch brings them: ranges in any order, but never overlapping. */
import type { OpeningHours } from './opening-hours';
import { SiteSettingsPatchSchema, SiteSettingsSchema } from './site-settings';

const withThursday = (thu: { from: string; to: string }[]): OpeningHours => ({
  timeZone: 'Europe/Madrid',
  week: { mon: [], tue: [], wed: [], thu, fri: [], sat: [], sun: [] },
  holidays: [],
});

test('a day whose ranges overlap is refused, saying which ranges and which day', () => {
  const parsed = SiteSettingsPatchSchema.safeParse({ openingHours: withThursday([{ from: '12:00', to: '17:00' }, { from: '09:00', to: '13:00' }]) });
  expect(parsed.success).toBe(false);
  expect(parsed.error?.issues).toEqual([
    expect.objectContaining({ path: ['openingHours', 'week', 'thu'], message: 'must not overlap: 09:00–13:00 and 12:00–17:00 share open time' }),
  ]);
});

test('ranges typed out of time order, or meeting at an hour, are taken as they are', () => {
  const outOfOrder = withThursday([{ from: '18:00', to: '20:00' }, { from: '16:00', to: '17:00' }]);
  expect(SiteSettingsPatchSchema.parse({ openingHours: outOfOrder })).toEqual({ openingHours: outOfOrder });
  expect(SiteSettingsPatchSchema.safeParse({ openingHours: withThursday([{ from: '09:00', to: '13:00' }, { from: '13:00', to: '24:00' }]) }).success).toBe(true);
  expect(SiteSettingsPatchSchema.safeParse({ openingHours: null }).success).toBe(true);
});

test('hours stored with an overlap before the rule are still read, not replaced by the defaults', () => {
  const stored = withThursday([{ from: '09:00', to: '13:00' }, { from: '12:00', to: '17:00' }]);
  expect(SiteSettingsSchema.parse({ openingHours: stored }).openingHours).toEqual(stored);
});
