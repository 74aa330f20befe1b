/** The open conversations, as tabs (one at a time) or side by side, with a switch between the two. */
import { useEffect } from 'preact/hooks';
import { useConsole, useLive, useT } from '../state/console-context';
import type { ChatLayout } from '../state/tabs.store';
import { ChatPanel } from './chat-panel';
import { chatTabLabels } from './chat-tab-labels';

function LayoutSwitch() {
  const live = useLive();
  const t = useT();
  const layout = live.tabs.layout.value;
  const option = (value: ChatLayout, label: string) => (
    <button
      type="button"
      class="segmented__option"
      aria-pressed={layout === value}
      onClick={() => live.tabs.setLayout(value)}
      data-testid={`layout-${value}`}
    >
      {label}
    </button>
  );
  return (
    <div class="segmented" role="group" aria-label={t('chat.layout')}>
      {option('tabs', t('chat.layoutTabs'))}
      {option('split', t('chat.layoutSplit'))}
    </div>
  );
}

/** Arrow keys move between tabs (mirrored right to left), Home and End jump to the ends. */
function nextTabId(ids: readonly string[], current: string | null, key: string): string | undefined {
  const rtl = document.documentElement.dir === 'rtl';
  const index = current ? ids.indexOf(current) : -1;
  const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
  const backward = rtl ? 'ArrowRight' : 'ArrowLeft';
  if (key === 'Home') return ids[0];
  if (key === 'End') return ids[ids.length - 1];
  if (key === forward) return ids[(index + 1) % ids.length];
  if (key === backward) return ids[(index - 1 + ids.length) % ids.length];
  return undefined;
}

function ChatTabs({ ids }: { ids: readonly string[] }) {
  const live = useLive();
  const { translator } = useConsole();
  const t = translator.t;
  const active = live.tabs.activeId.value;
  const conversations = ids.flatMap((id) => live.conversations.byId.value.get(id) ?? []);
  const labels = chatTabLabels(conversations, translator);

  // The strip scrolls when the tabs are wider than it: the chosen chat's tab is brought into view.
  useEffect(() => {
    if (active) document.getElementById(`tab-${active}`)?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [active]);

  function onKeyDown(event: KeyboardEvent) {
    const next = nextTabId(ids, active, event.key);
    if (!next) return;
    event.preventDefault();
    live.tabs.focus(next);
    document.getElementById(`tab-${next}`)?.focus();
  }

  return (
    <div class="chat-tabs" role="tablist" aria-label={t('chat.chats')} onKeyDown={onKeyDown}>
      {conversations.map((conversation, index) => {
        const { id } = conversation;
        const label = labels[index];
        const unread = live.conversations.unreadCount(id);
        return (
          <button
            key={id}
            type="button"
            role="tab"
            id={`tab-${id}`}
            class="chat-tab"
            aria-selected={id === active}
            aria-controls={`chat-${id}`}
            tabIndex={id === active ? 0 : -1}
            onClick={() => live.tabs.focus(id)}
            data-testid="chat-tab"
            data-conversation-id={id}
          >
            {/* A long name is cut on screen (all of it in the tooltip and the tab's name), not the strip. */}
            <span class="chat-tab__name" title={label?.name}>
              {label?.name}
            </span>
            {/* The space keeps the two apart in the tab's accessible name; the margin does on screen. */}
            {label?.detail && (
              <>
                {' '}
                <span class="chat-tab__detail">{label.detail}</span>
              </>
            )}
            {unread > 0 && id !== active && (
              <span class="badge badge--small" aria-label={t('queue.unread', { count: unread })}>
                {unread}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}

export function ChatArea() {
  const live = useLive();
  const t = useT();
  const ids = live.tabs.openIds.value;
  const layout = live.tabs.layout.value;
  const active = live.tabs.activeId.value;
  const known = ids.filter((id) => live.conversations.byId.value.has(id));
  const current = active && known.includes(active) ? active : known[0];
  const shown = layout === 'split' ? known : known.filter((id) => id === current);

  return (
    <main class="chat-area" data-layout={layout} aria-label={t('chat.chats')}>
      <div class="chat-area__bar">
        {layout === 'tabs' ? <ChatTabs ids={known} /> : <span class="chat-area__spacer" />}
        <LayoutSwitch />
      </div>
      {known.length === 0 ? (
        <p class="chat-area__empty">{t('chat.none')}</p>
      ) : (
        <div class="chat-area__panels">
          {/* As tabs, only the chosen chat is in the page (drafts live in the drafts store), so
              there is one chat panel to find, never a hidden one with the same labels. */}
          {shown.map((id) => {
            const conversation = live.conversations.byId.value.get(id);
            return conversation ? (
              <ChatPanel key={id} conversation={conversation} asTab={layout === 'tabs'} />
            ) : null;
          })}
        </div>
      )}
    </main>
  );
}
