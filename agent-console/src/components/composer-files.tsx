/**
 * Files the agent attaches to the next reply or note, in a chat or a ticket: chosen with the
 * paperclip, dropped on the box or pasted into it; each uploads at once (into the conversation or
 * the ticket), a refusal says why, and any can be taken back before sending.
 */
import { MESSAGE_MAX_ATTACHMENTS, type MessageAttachment } from '@parley/shared';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { UploadTarget } from '../api/attachments.client';
import { useT } from '../state/console-context';
import { useAttachments, useUploadRefusal } from './message-files';

const MAX_FILES = MESSAGE_MAX_ATTACHMENTS;

interface PickedFile {
  key: number;
  name: string;
  attachment?: MessageAttachment;
  refusal?: string;
}

let nextKey = 0;

export interface ComposerFiles {
  /** The files ready to go; null while one is still uploading. */
  ready: MessageAttachment[] | null;
  add(files: FileList | File[]): void;
  clear(): void;
  /** The list of picked files, with their state and a remove button each. */
  list: JSX.Element | null;
  /** The paperclip button and its hidden file chooser. */
  button: JSX.Element;
}

export function useComposerFiles(target: UploadTarget, disabled: boolean): ComposerFiles {
  const t = useT();
  const attachments = useAttachments();
  const refusalOf = useUploadRefusal();
  const [picked, setPicked] = useState<PickedFile[]>([]);
  // More files were chosen than can go with the message: those beyond the limit were not taken.
  const [leftOut, setLeftOut] = useState(false);
  // A refused file goes nowhere, so it does not take one of the message's places.
  const taking = picked.filter((file) => !file.refusal).length;
  const change = (key: number, patch: Partial<PickedFile>) =>
    setPicked((all) => all.map((file) => (file.key === key ? { ...file, ...patch } : file)));

  function add(files: FileList | File[]) {
    if (disabled) return;
    const chosen = [...files];
    const room = Math.max(0, MAX_FILES - taking);
    setLeftOut(chosen.length > room);
    const added = chosen.slice(0, room).map((file): PickedFile => {
      const key = nextKey++;
      attachments.upload(target, file).then(
        (attachment) => change(key, { attachment }),
        (error: unknown) => change(key, { refusal: refusalOf(error) }),
      );
      return { key, name: file.name };
    });
    setPicked((all) => [...all, ...added]);
  }

  const uploading = picked.some((file) => !file.attachment && !file.refusal);
  const list =
    picked.length === 0 && !leftOut ? null : (
      <>
        <ul class="composer-files" data-testid="composer-files">
          {picked.map((file) => (
            <li
              key={file.key}
              class="composer-files__item"
              data-state={file.refusal ? 'failed' : file.attachment ? 'ready' : 'uploading'}
            >
              <span class="composer-files__name">{file.name}</span>
              {file.refusal ? (
                <span class="composer-files__error" role="alert">
                  {file.refusal}
                </span>
              ) : (
                !file.attachment && <span class="composer-files__state">{t('chat.files.uploading')}</span>
              )}
              <button
                type="button"
                class="button button--small button--quiet"
                onClick={() => {
                  setPicked((all) => all.filter((other) => other.key !== file.key));
                  setLeftOut(false);
                }}
              >
                {t('chat.files.remove', { name: file.name })}
              </button>
            </li>
          ))}
        </ul>
        {leftOut && (
          <p class="composer-files__error" role="status" data-testid="composer-files-left-out">
            {t('chat.files.tooMany', { max: MAX_FILES })}
          </p>
        )}
      </>
    );
  const inputId =
    'ticketId' in target
      ? `composer-files-ticket-${target.ticketId}`
      : `composer-files-${target.conversationId}`;
  const button = (
    <label
      class={`button button--small button--quiet composer-files__attach${disabled ? ' is-disabled' : ''}`}
    >
      <input
        id={inputId}
        type="file"
        multiple
        class="visually-hidden"
        disabled={disabled || taking >= MAX_FILES}
        onChange={(event) => {
          const files = event.currentTarget.files;
          if (files) add(files);
          event.currentTarget.value = '';
        }}
        data-testid="composer-file-chooser"
      />
      {t('chat.files.attach')}
    </label>
  );
  return {
    ready: uploading ? null : picked.flatMap((file) => (file.attachment ? [file.attachment] : [])),
    add,
    clear: () => {
      setPicked([]);
      setLeftOut(false);
    },
    list,
    button,
  };
}
