/**
 * "Delete this department?": says what changes before the admin confirms, and when the server
 * refuses because the department is still in use, what to move first, in the admin's language.
 */
import { formatLocale } from '@parley/shared';
import {
  DEPARTMENT_IN_USE_REASONS,
  type Department,
  type DepartmentInUseReason,
  type ErrorCode,
} from '@parley/shared';
import { useState } from 'preact/hooks';
import { ApiError, errorCodeOf } from '../../api/api-error';
import { useConsole, useLive, useT } from '../../state/console-context';
import { Dialog } from '../dialog';

interface Refusal {
  code: ErrorCode;
  reasons: DepartmentInUseReason[];
}

const isReason = (path: string): path is DepartmentInUseReason =>
  (DEPARTMENT_IN_USE_REASONS as readonly string[]).includes(path);

function refusalOf(failure: unknown): Refusal {
  const issues = failure instanceof ApiError ? (failure.issues ?? []) : [];
  return { code: errorCodeOf(failure), reasons: issues.map((issue) => issue.path).filter(isReason) };
}

export function DepartmentDeleteDialog({ department, onClose }: { department: Department; onClose(): void }) {
  const live = useLive();
  const t = useT();
  const language = useConsole().translator.language.value;
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  // An empty list means every department: these agents' reach widens, which the admin should know first.
  const widened = [...live.agents.byId.value.values()]
    .filter((a) => a.active && a.departmentIds.length === 1 && a.departmentIds[0] === department.id)
    .map((a) => a.name)
    .sort((a, b) => a.localeCompare(b));

  async function confirm() {
    setBusy(true);
    setRefusal(null);
    try {
      await live.deleteDepartment(department.id);
      onClose();
    } catch (failure) {
      setRefusal(refusalOf(failure));
      setBusy(false);
    }
  }

  return (
    <Dialog
      title={t('departments.deleteTitle', { name: department.name })}
      onClose={onClose}
      testId="department-delete-dialog"
    >
      <p class="dialog__text">{t('departments.deleteExplain')}</p>
      {widened.length > 0 && (
        <p class="dialog__text">
          {t('departments.deleteWidens', { names: new Intl.ListFormat(formatLocale(language)).format(widened) })}
        </p>
      )}
      {refusal && (
        <div class="form-error" role="alert" data-code={refusal.code}>
          {t(`errors.${refusal.code}`)}
          {refusal.reasons.length > 0 && (
            <ul class="form-error__issues">
              {refusal.reasons.map((reason) => (
                <li key={reason}>{t(`departments.inUse.${reason}`)}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <div class="dialog__actions">
        <button type="button" class="button button--quiet" onClick={onClose} data-autofocus>
          {t('common.cancel')}
        </button>
        <button type="button" class="button button--danger" disabled={busy} onClick={() => void confirm()}>
          {t('common.delete')}
        </button>
      </div>
    </Dialog>
  );
}
