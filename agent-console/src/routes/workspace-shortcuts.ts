/** Binds the workspace's keyboard shortcuts to the page while the workspace is shown. */
import { useEffect } from 'preact/hooks';
import { focusIsInList, listItemOf } from '../components/chat-focus';
import type { Console } from '../state/console';
import { neighbourOf, shortcutOf, type ShortcutAction } from '../state/keyboard-shortcuts';
import type { LiveSession } from '../state/live-session';

function moveThroughChats(live: LiveSession, step: 1 | -1) {
  const { conversations, tabs } = live;
  const order = [
    ...conversations.queued.value,
    ...conversations.mine.value,
    ...conversations.others.value,
  ].map((c) => c.id);
  const next = neighbourOf(order, tabs.activeId.value, step);
  if (!next) return;
  // Focus goes with the selection: along the list when it was there, else into the new chat
  // (its panel takes the request when it appears, as the old one leaves with focus inside).
  const fromList = focusIsInList();
  void live.openConversation(next).catch(() => undefined);
  if (fromList) listItemOf(next)?.focus();
  else live.commands.issue('focus', next);
}

function perform(app: Console, live: LiveSession, action: ShortcutAction) {
  const onChats = app.navigation.route.value.name === 'chats';
  const active = live.tabs.activeId.value;
  switch (action) {
    case 'help':
      return live.commands.showHelp();
    case 'go-chats':
      return app.navigation.go({ name: 'chats' });
    case 'go-tickets':
      return app.navigation.go({ name: 'tickets' });
    case 'go-admin':
      return app.navigation.go({ name: 'admin', section: null });
    case 'next-chat':
    case 'previous-chat':
      if (!onChats) app.navigation.go({ name: 'chats' });
      return moveThroughChats(live, action === 'next-chat' ? 1 : -1);
    case 'resolve':
    case 'transfer':
    case 'escalate':
      if (onChats && active) live.commands.issue(action, active);
      return;
  }
}

export function useWorkspaceShortcuts(app: Console, live: LiveSession) {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // An open dialog owns the keyboard.
      if (event.defaultPrevented || live.commands.helpOpen.value || document.querySelector('[role="dialog"]'))
        return;
      const action = shortcutOf(event);
      if (!action) return;
      event.preventDefault();
      perform(app, live, action);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [app, live]);
}
