/** Downloads the selected report as a CSV file (fetched with the session's token, then saved). */
import type { ErrorCode } from '@parley/shared';
import { useState } from 'preact/hooks';
import type { AnalyticsClient } from '../../api/analytics.client';
import { errorCodeOf } from '../../api/api-error';
import { useInsightT } from '../../i18n/use-insight-t';
import { useT } from '../../state/console-context';
import { periodProblem, queryOf, type AnalyticsStore } from '../../state/analytics.store';

/** Hands a file to the browser's downloads, as a link with `download` would. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the object URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}

export function ExportButton({ store, client }: { store: AnalyticsStore; client: AnalyticsClient }) {
  const t = useInsightT();
  const consoleT = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorCode | null>(null);
  const selection = store.selection.value;

  async function download() {
    setBusy(true);
    setError(null);
    try {
      const file = await client.reportCsv(queryOf(selection));
      saveFile(file.blob, file.filename);
    } catch (failure) {
      setError(errorCodeOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <span class="insight-export">
      <button
        type="button"
        class="button"
        disabled={busy || periodProblem(selection.from, selection.to) !== null}
        onClick={() => void download()}
        data-testid="analytics-export"
      >
        {busy ? t('analytics.exporting') : t('analytics.export')}
      </button>
      {error && (
        <span class="form-error" role="alert" data-code={error}>
          {consoleT(`errors.${error}`)}
        </span>
      )}
    </span>
  );
}
