/**
 * Unsaved work and leaving it: a form holds the console's navigation while it has changes, and
 * leaving the screen then (a link, Back, a shortcut) asks first instead of losing them quietly.
 */
import { useLayoutEffect } from 'preact/hooks';
import { useConsole, useT } from '../state/console-context';
import { ConfirmDialog } from './confirm-dialog';

/** Call with whether the form's changes are unsaved; it holds navigation for as long as they are. */
export function useUnsavedChanges(unsaved: boolean) {
  const { navigation } = useConsole();
  // In the same commit as the screen: once "Saved." shows, leaving no longer asks.
  useLayoutEffect(() => (unsaved ? navigation.holdUnsaved() : undefined), [navigation, unsaved]);
}

/** "Leave without saving?" while a move away from unsaved work waits for the agent's answer. */
export function LeaveUnsavedDialog() {
  const { navigation } = useConsole();
  const t = useT();
  if (!navigation.leaving.value) return null;
  return (
    <ConfirmDialog
      title={t('unsaved.title')}
      text={t('unsaved.text')}
      confirmLabel={t('unsaved.leave')}
      danger
      onConfirm={async () => navigation.confirmLeave()}
      onClose={() => navigation.stay()}
    />
  );
}
