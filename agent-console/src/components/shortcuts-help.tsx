/** The "?" dialog: every keyboard shortcut of the workspace and what it does. */
import { SHORTCUTS } from '../state/keyboard-shortcuts';
import { useLive, useT } from '../state/console-context';
import { Dialog } from './dialog';

export function ShortcutsHelp() {
  const live = useLive();
  const t = useT();
  if (!live.commands.helpOpen.value) return null;
  const close = () => live.commands.hideHelp();
  return (
    <Dialog title={t('shortcuts.title')} onClose={close} testId="shortcuts-help">
      <table class="shortcuts">
        <tbody>
          {SHORTCUTS.map(({ action, keys }) => (
            <tr key={action}>
              <td class="shortcuts__keys">
                {keys.map((k, index) => (
                  <span key={k}>
                    {index > 0 && '+'}
                    <kbd>{k === 'Alt' ? t('shortcuts.alt') : k}</kbd>
                  </span>
                ))}
              </td>
              <td>{t(`shortcuts.${action}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div class="dialog__actions">
        <button type="button" class="button button--primary" onClick={close}>
          {t('common.close')}
        </button>
      </div>
    </Dialog>
  );
}
