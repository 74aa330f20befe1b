/**
 * A stacked bar chart (chats and tickets per day or per hour) drawn by chartist as SVG and
 * styled by the theme's colours. Screen readers get the same figures as a table.
 */
import { BarChart, type BarChartOptions } from 'chartist';
import { useEffect, useRef } from 'preact/hooks';
import { useInsightT } from '../../i18n/use-insight-t';
import { useConsole } from '../../state/console-context';
import { formatCount } from './analytics-format';

export interface ChartSeries {
  name: string;
  values: readonly number[];
}

export interface VolumeChartProps {
  testId: string;
  title: string;
  labels: readonly string[];
  series: readonly ChartSeries[];
  /** At most this many axis labels are written; the rest are left blank. */
  maxLabels?: number;
  height?: number;
}

/** Every k-th label so at most `max` show; the others blank. */
export function thinLabels(labels: readonly string[], max: number): string[] {
  const step = Math.max(1, Math.ceil(labels.length / max));
  return labels.map((label, i) => (i % step === 0 ? label : ''));
}

function useChart(props: VolumeChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const { labels, series, maxLabels = 12, height = 220 } = props;
  useEffect(() => {
    const element = box.current;
    // chartist reads media queries; without them (old browsers, tests) the table alone stays.
    if (!element || typeof window.matchMedia !== 'function') return;
    const shown = thinLabels(labels, maxLabels);
    const options: BarChartOptions = {
      stackBars: true,
      height: `${height}px`,
      chartPadding: { top: 12, right: 8, bottom: 4, left: 4 },
      axisX: { showGrid: false, labelInterpolationFnc: (_value, index) => shown[index] ?? '' },
      axisY: { onlyInteger: true, offset: 36 },
    };
    const chart = new BarChart(element, { labels: [...labels], series: series.map((s) => [...s.values]) }, options);
    chart.on('draw', (event: { type: string; element: { attr(a: Record<string, string>): unknown }; chartRect: { width(): number } }) => {
      if (event.type !== 'bar') return;
      const width = Math.max(1, Math.min(28, (event.chartRect.width() / Math.max(1, labels.length)) * 0.7));
      event.element.attr({ style: `stroke-width: ${width.toFixed(1)}px` });
    });
    return () => chart.detach();
  }, [labels, series, maxLabels, height]);
  return box;
}

export function VolumeChart(props: VolumeChartProps) {
  const t = useInsightT();
  const locale = useConsole().translator.language.value;
  const box = useChart(props);
  const titleId = `${props.testId}-title`;
  return (
    <figure class="insight-chart" aria-labelledby={titleId} data-testid={props.testId}>
      <figcaption id={titleId} class="insight-chart__title">
        {props.title}
      </figcaption>
      <ul class="insight-legend" aria-hidden="true">
        {props.series.map((s, i) => (
          <li key={s.name} class={`insight-legend__item insight-legend__item--${i}`}>
            {s.name}
          </li>
        ))}
      </ul>
      <div ref={box} class="insight-chart__plot" dir="ltr" aria-hidden="true" />
      <table class="visually-hidden">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{t('analytics.chart.when')}</th>
            {props.series.map((s) => (
              <th key={s.name} scope="col">
                {s.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.labels.map((label, i) => (
            <tr key={i}>
              <th scope="row">{label}</th>
              {props.series.map((s) => (
                <td key={s.name}>{formatCount(s.values[i] ?? 0, locale)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
