/** Site settings patches on MongoDB must merge as SQLite's json_patch does (RFC 7396). */
import { mergePatchUpdate, withoutNulls } from './mongo.merge-patch';

describe('merge patch as a MongoDB update', () => {
  it('sets the leaves of nested objects, so sibling keys survive', () => {
    expect(mergePatchUpdate({ routingMode: 'pick', sla: { '2': { urgent: { firstResponseMinutes: 5 } } } }, 'settings.')).toEqual({
      $set: { 'settings.routingMode': 'pick', 'settings.sla.2.urgent.firstResponseMinutes': 5 },
    });
  });

  it('replaces arrays whole and removes keys patched with null', () => {
    expect(mergePatchUpdate({ openingHours: { week: { mon: [{ from: '09:00', to: '17:00' }] } }, defaultDepartmentId: null }, 's.')).toEqual({
      $set: { 's.openingHours.week.mon': [{ from: '09:00', to: '17:00' }] },
      $unset: { 's.defaultDepartmentId': '' },
    });
  });

  it('changes nothing for an empty patch or undefined values', () => {
    expect(mergePatchUpdate({}, 'settings.')).toBeNull();
    expect(mergePatchUpdate({ routingMode: undefined, sla: {} }, 'settings.')).toBeNull();
  });

  it('stores objects without nulls, at any depth', () => {
    expect(withoutNulls({ a: null, b: 1, c: { d: null, e: [null, 2] }, f: undefined })).toEqual({ b: 1, c: { e: [null, 2] } });
  });
});
