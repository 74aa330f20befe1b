/**
 * Where the agent writes: Enter sends, Shift+Enter breaks the line, "/shortcut" offers canned
 * replies, and typing is announced to the visitor (never for internal notes).
 */
import type { MESSAGE_MAX_LENGTH as SharedMaxLength } from '@parley/shared';
import { useState } from 'preact/hooks';
import { useLive, useT } from '../state/console-context';
import { useCannedSuggestions } from './canned-suggestions';
import { useComposerFiles } from './composer-files';

// Checked against the shared constant's literal type without importing shared's runtime.
const MESSAGE_MAX_LENGTH: typeof SharedMaxLength = 5000;

export interface ComposerProps {
  conversationId: string;
  /** Replies to the visitor are allowed (queued, or handled by this agent). */
  canReply: boolean;
  /** Internal notes are allowed (any conversation not yet resolved). */
  canNote: boolean;
}

export function Composer({ conversationId, canReply, canNote }: ComposerProps) {
  const live = useLive();
  const t = useT();
  const [text, setTextState] = useState(() => live.drafts.get(conversationId) ?? '');
  // Kept outside the component: switching tabs unmounts the composer, the draft must survive.
  const setText = (value: string) => {
    live.drafts.set(conversationId, value);
    setTextState(value);
  };
  const [internal, setInternal] = useState(false);
  const inputId = `composer-${conversationId}`;
  const hintId = `${inputId}-hint`;
  const listId = `${inputId}-canned`;
  const disabled = internal ? !canNote : !canReply;
  const canned = useCannedSuggestions({ listId, text, setText });
  const files = useComposerFiles({ conversationId }, disabled);
  const canSend = !disabled && !!files.ready && (!!text.trim() || files.ready.length > 0);

  function send() {
    if (!canSend || !files.ready) return;
    live.send(conversationId, text.trim(), { internal, attachments: files.ready });
    setText('');
    files.clear();
  }

  function onKeyDown(event: KeyboardEvent) {
    // While an IME is composing (Chinese, Japanese…), Enter picks a candidate; it must not send.
    if (event.isComposing || canned.onKeyDown(event)) return;
    if (event.key !== 'Enter' || event.shiftKey) return;
    event.preventDefault();
    send();
  }

  function onInput(value: string) {
    setText(value);
    canned.reset();
    // The visitor must not see "typing…" for a note they will never receive.
    if (value.trim() && !internal) live.typing.ownInput(conversationId);
    else live.typing.ownStop(conversationId);
  }

  return (
    <form
      class={`composer${internal ? ' composer--internal' : ''}`}
      onSubmit={(event) => {
        event.preventDefault();
        send();
      }}
      onDragOver={(event) => {
        if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
      }}
      onDrop={(event) => {
        if (!event.dataTransfer?.files.length) return;
        event.preventDefault();
        files.add(event.dataTransfer.files);
      }}
    >
      {canned.list}
      {files.list}
      <label class="visually-hidden" for={inputId}>
        {t('chat.reply')}
      </label>
      <textarea
        id={inputId}
        class="composer__input"
        rows={2}
        dir="auto"
        maxLength={MESSAGE_MAX_LENGTH}
        placeholder={internal ? t('chat.notePlaceholder') : t('chat.reply')}
        aria-describedby={hintId}
        {...canned.inputProps}
        value={text}
        disabled={disabled}
        onInput={(event) => onInput(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        onBlur={() => live.typing.ownStop(conversationId)}
        onPaste={(event) => {
          if (!event.clipboardData?.files.length) return;
          event.preventDefault();
          files.add(event.clipboardData.files);
        }}
        data-testid="composer-input"
      />
      <span id={hintId} class="visually-hidden">
        {t('chat.sendHint')}
      </span>
      <div class="composer__side">
        {canNote && (
          <label class="composer__note-toggle">
            <input
              type="checkbox"
              checked={internal}
              onChange={(event) => {
                setInternal(event.currentTarget.checked);
                live.typing.ownStop(conversationId);
              }}
              data-testid="internal-note-toggle"
            />
            {t('chat.internalNote')}
          </label>
        )}
        {files.button}
        <button
          type="submit"
          class="button button--primary"
          disabled={!canSend}
          data-testid="send-button"
        >
          {t('chat.send')}
        </button>
      </div>
    </form>
  );
}
