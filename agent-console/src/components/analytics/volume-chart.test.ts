import { thinLabels } from './volume-chart';

/** 91 days in Russian, as the 90-day period labels them. */
function russianDays(): string[] {
  const format = new Intl.DateTimeFormat('ru', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const start = Date.UTC(2026, 7, 26);
  return Array.from({ length: 91 }, (_, i) => format.format(new Date(start + i * 86_400_000)));
}

describe('thinLabels', () => {
  it('keeps every k-th label so at most max show when the width is not known', () => {
    const labels = Array.from({ length: 30 }, (_, i) => `d${i}`);
    expect(thinLabels(labels, 12).filter(Boolean)).toHaveLength(10);
  });

  it("leaves labels far enough apart that long Russian dates do not run into each other", () => {
    const labels = russianDays();
    const plotWidth = 560;
    const slot = plotWidth / labels.length;
    const shown = thinLabels(labels, 12, plotWidth)
      .map((label, i) => ({ label, i }))
      .filter(({ label }) => label);
    expect(shown.length).toBeGreaterThan(3);
    const widest = Math.max(...labels.map((label) => label.length)) * 6.5;
    for (let k = 1; k < shown.length; k += 1) {
      const apart = ((shown[k]?.i ?? 0) - (shown[k - 1]?.i ?? 0)) * slot;
      expect(apart).toBeGreaterThanOrEqual(widest);
    }
    // The last label, centred on its bar, ends inside the chart rather than cut off at its edge.
    const last = shown[shown.length - 1]?.i ?? 0;
    expect((labels.length - last - 0.5) * slot + 8).toBeGreaterThanOrEqual(widest / 2);
  });

  it('shows every label of a short period that has room', () => {
    const labels = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
    expect(thinLabels(labels, 12, 560)).toEqual(labels);
  });
});
