/**
 * Files for the next message (part of the lazily loaded ComposerTools): the paperclip button (and files dropped on the composer or pasted into
 * it), each uploaded at once with its progress, refusals in words, and a way to take one back. The
 * composer gets the uploaded files through onChange (null while one is still uploading).
 */
import { formatFileSize, type MessageAttachment } from '@parley/shared';
import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import {
  ACCEPTED_FILES,
  MAX_FILES_PER_MESSAGE,
  uploadFile,
  type Upload,
  type UploadFailure,
} from '../attachment-transfer';
import type { FileAccess } from '../chat-actions';
import { useTranslation } from '../i18n-context';

export interface AttachmentPickerProps {
  access: () => FileAccess;
  /** The composer's text box: files pasted into it are attached. */
  input: RefObject<HTMLTextAreaElement>;
  disabled?: boolean;
  onChange: (files: MessageAttachment[] | null) => void;
}

interface PickedFile {
  key: number;
  name: string;
  progress: number;
  upload: Upload;
  attachment?: MessageAttachment;
  failure?: UploadFailure;
}

let nextKey = 0;

/** How many more files the message can take: refused ones hold no place (the visitor may leave them there). */
const roomLeft = (picked: readonly PickedFile[]): number =>
  MAX_FILES_PER_MESSAGE - picked.filter((file) => !file.failure).length;

export function AttachmentPicker({ access, input, disabled, onChange }: AttachmentPickerProps) {
  const { t, intl } = useTranslation();
  const [picked, setPicked] = useState<PickedFile[]>([]);
  // More files were chosen (dropped, pasted) than the message could take: the others were left out.
  // 'full': the button was pressed with no room left, which says why instead of doing nothing.
  const [leftOut, setLeftOut] = useState<boolean | 'full'>(false);
  const chooser = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const change = (key: number, patch: Partial<PickedFile>): void =>
    setPicked((all) => all.map((file) => (file.key === key ? { ...file, ...patch } : file)));

  const add = (files: FileList | File[]): void => {
    if (disabled) return;
    const kept = [...files].slice(0, roomLeft(picked));
    setLeftOut(kept.length < files.length);
    // Only the files kept are uploaded.
    const added = kept.map((file): PickedFile => {
      const key = nextKey++;
      const upload = uploadFile(file, access(), (progress) => change(key, { progress }));
      upload.done.then(
        (attachment) => change(key, { attachment, progress: 1 }),
        (failure: UploadFailure) => change(key, { failure }),
      );
      return { key, name: file.name, progress: 0, upload };
    });
    setPicked((all) => [...all, ...added]);
  };

  useEffect(() => {
    const uploading = picked.some((file) => !file.attachment && !file.failure);
    onChange(uploading ? null : picked.flatMap((file) => (file.attachment ? [file.attachment] : [])));
  }, [picked]);

  // Dropped on the composer or pasted into its text box: the same as chosen with the button.
  useEffect(() => {
    const form = button.current?.form;
    const text = input.current;
    const hasFiles = (data: DataTransfer | null): data is DataTransfer => !!data?.types.includes('Files');
    const onDragOver = (event: DragEvent): void => {
      if (hasFiles(event.dataTransfer)) event.preventDefault();
    };
    const onDrop = (event: DragEvent): void => {
      if (!hasFiles(event.dataTransfer)) return;
      event.preventDefault();
      add(event.dataTransfer.files);
    };
    const onPaste = (event: ClipboardEvent): void => {
      const files = event.clipboardData?.files;
      if (!files?.length) return;
      event.preventDefault();
      add(files);
    };
    form?.addEventListener('dragover', onDragOver);
    form?.addEventListener('drop', onDrop);
    text?.addEventListener('paste', onPaste);
    return () => {
      form?.removeEventListener('dragover', onDragOver);
      form?.removeEventListener('drop', onDrop);
      text?.removeEventListener('paste', onPaste);
    };
  });

  // Files taken back (or left behind when the panel goes) stop uploading.
  const live = useRef(picked);
  live.current = picked;
  useEffect(() => () => live.current.forEach((file) => file.upload.abort()), []);

  const remove = (file: PickedFile): void => {
    file.upload.abort();
    setPicked((all) => all.filter((other) => other !== file));
    setLeftOut(false);
    input.current?.focus();
  };

  const failureText = (failure: UploadFailure): string =>
    failure.reason === 'tooLarge'
      ? t('files.tooLarge', { max: formatFileSize(failure.maxBytes, intl) })
      : t(`files.${failure.reason}`);

  return (
    <>
      {picked.length > 0 && (
        <ul class="picked-files" data-testid="picked-files">
          {picked.map((file) => (
            <li key={file.key} class="picked-file" data-state={file.failure ? 'failed' : file.attachment ? 'ready' : 'uploading'}>
              <span class="picked-file__name">{file.name}</span>
              {file.failure ? (
                <span class="picked-file__error" role="alert">
                  {failureText(file.failure)}
                </span>
              ) : (
                !file.attachment && <progress max={1} value={file.progress} aria-label={file.name} />
              )}
              <button
                type="button"
                class="icon-button picked-file__remove"
                aria-label={t('files.remove', { name: file.name })}
                onClick={() => remove(file)}
              >
                <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true">
                  <path d="M6 6l12 12M18 6 6 18" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
                </svg>
              </button>
            </li>
          ))}
          {leftOut && (
            <li class="notice" role="alert">
              {t(leftOut === 'full' ? 'files.full' : 'files.tooMany', { max: MAX_FILES_PER_MESSAGE })}
            </li>
          )}
        </ul>
      )}
      <input
        ref={chooser}
        type="file"
        multiple
        accept={ACCEPTED_FILES}
        hidden
        data-testid="file-chooser"
        onChange={(event) => {
          const files = event.currentTarget.files;
          if (files) add(files);
          // The same file chosen again later is a change too.
          event.currentTarget.value = '';
        }}
      />
      <button
        ref={button}
        type="button"
        class="icon-button composer__attach"
        aria-label={t('files.attach')}
        disabled={disabled}
        aria-disabled={roomLeft(picked) <= 0 ? 'true' : undefined}
        onClick={() => (roomLeft(picked) > 0 ? chooser.current?.click() : setLeftOut('full'))}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round">
          <path d="M20 11.5 12.2 19.3a5 5 0 0 1-7.1-7.1L13 4.3a3.3 3.3 0 0 1 4.7 4.7L10 16.8a1.7 1.7 0 0 1-2.4-2.4L14.8 7.2" />
        </svg>
      </button>
    </>
  );
}
