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

/** About how wide one character of an axis label is drawn (11 px text), and the room between labels. */
const LABEL_CHAR_PX = 6.5;
const LABEL_GAP_PX = 8;
const CHART_PADDING = { top: 12, right: 8, bottom: 4, left: 4 };
const Y_AXIS_PX = 36;

/**
 * Every k-th label so at most `max` show, the others blank. Given the plot's width, k also grows
 * until the labels do not run into each other (long month names: "20 сент."), and a label centred
 * on one of the last bars that would run past the plot's end is left out.
 */
export function thinLabels(labels: readonly string[], max: number, plotWidth = 0): string[] {
  const count = labels.length;
  let step = Math.max(1, Math.ceil(count / max));
  if (plotWidth <= 0 || count === 0) return labels.map((label, i) => (i % step === 0 ? label : ''));
  const slot = plotWidth / count;
  const width = Math.max(...labels.map((label) => label.length)) * LABEL_CHAR_PX;
  step = Math.max(step, Math.ceil((width + LABEL_GAP_PX) / slot));
  const fits = (i: number) => (count - i - 0.5) * slot + CHART_PADDING.right >= width / 2;
  return labels.map((label, i) => (i % step === 0 && fits(i) ? label : ''));
}

function useChart(props: VolumeChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const { labels, series, maxLabels = 12, height = 220 } = props;
  useEffect(() => {
    const element = box.current;
    // chartist reads media queries; without them (old browsers, tests) the table alone stays.
    if (!element || typeof window.matchMedia !== 'function') return;
    const plotWidth = element.clientWidth - Y_AXIS_PX - CHART_PADDING.left - CHART_PADDING.right;
    const shown = thinLabels(labels, maxLabels, plotWidth);
    const options: BarChartOptions = {
      stackBars: true,
      height: `${height}px`,
      chartPadding: CHART_PADDING,
      axisX: { showGrid: false, labelInterpolationFnc: (_value, index) => shown[index] ?? '' },
      axisY: { onlyInteger: true, offset: Y_AXIS_PX },
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
