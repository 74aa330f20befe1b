/**
 * Files the agent attaches to the next reply or note, in a chat or a ticket: chosen with the
 * paperclip, dropped on the box or pasted into it; each uploads at once (into the conversation or
 * the ticket), a refusal says why, and any can be taken back before sending.
 */
import type { MessageAttachment } from '@parley/shared';
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { UploadTarget } from '../api/attachments.client';
import { useT } from '../state/console-context';
import { useAttachments, useUploadRefusal } from './message-files';

// Mirrors MESSAGE_MAX_ATTACHMENTS of the contract.
const MAX_FILES = 5;

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
  const change = (key: number, patch: Partial<PickedFile>) =>
    setPicked((all) => all.map((file) => (file.key === key ? { ...file, ...patch } : file)));

  function add(files: FileList | File[]) {
    if (disabled) return;
    const added = [...files].slice(0, MAX_FILES - picked.length).map((file): PickedFile => {
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
    picked.length === 0 ? null : (
      <ul class="composer-files" data-testid="composer-files">
        {picked.map((file) => (
          <li key={file.key} class="composer-files__item" data-state={file.refusal ? 'failed' : file.attachment ? 'ready' : 'uploading'}>
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
              onClick={() => setPicked((all) => all.filter((other) => other.key !== file.key))}
            >
              {t('chat.files.remove', { name: file.name })}
            </button>
          </li>
        ))}
      </ul>
    );
  const inputId = 'ticketId' in target ? `composer-files-ticket-${target.ticketId}` : `composer-files-${target.conversationId}`;
  const button = (
    <label class={`button button--small button--quiet composer-files__attach${disabled ? ' is-disabled' : ''}`}>
      <input
        id={inputId}
        type="file"
        multiple
        class="visually-hidden"
        disabled={disabled || picked.length >= MAX_FILES}
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
    clear: () => setPicked([]),
    list,
    button,
  };
}
