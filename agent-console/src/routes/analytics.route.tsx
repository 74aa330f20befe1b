/** Analytics (work in progress). */
export function AnalyticsRoute() {
  return <main data-testid="analytics-page" />;
}
