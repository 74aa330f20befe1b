/**
 * Files in a chat or a ticket, for agents: the attachments client for the signed-in token, a
 * message's or a ticket event's files (images as thumbnails through `blob:` URLs, other files as
 * buttons that download when pressed), and sizes and refusals in the agent's language.
 */
import { formatFileSize, formatLocale } from '@parley/shared';
import type { MessageAttachment } from '@parley/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ApiError } from '../api/api-error';
import { createAttachmentsClient, type AttachmentsClient } from '../api/attachments.client';
import { useConsole, useT } from '../state/console-context';

export function useAttachments(): AttachmentsClient {
  const { session } = useConsole();
  const token = session.token.value ?? '';
  return useMemo(() => createAttachmentsClient({ token }), [token]);
}

const MB = 1024 * 1024;

/** A file's size in the agent's language ("48 bytes", "820 kB", "1.4 MB"), as the widget shows it. */
export const fileSizeIn = (bytes: number, language: string): string => formatFileSize(bytes, formatLocale(language));

/** Why the server refused an upload, in the agent's words (the refusal's issue path says which). */
export function useUploadRefusal(): (error: unknown) => string {
  const t = useT();
  const { translator } = useConsole();
  return (error) => {
    const issue = error instanceof ApiError ? error.issues?.[0] : undefined;
    if (issue?.path === 'file.size') {
      const limit = /(\d+(?:\.\d+)?) ([KM])B/.exec(issue.message);
      const bytes = limit ? Number(limit[1]) * (limit[2] === 'M' ? MB : 1024) : 10 * MB;
      return t('chat.files.tooLarge', { max: fileSizeIn(bytes, translator.language.value) });
    }
    if (issue?.path === 'file.type') return t('chat.files.type');
    if (issue?.path === 'file.empty') return t('chat.files.empty');
    return t('chat.files.failed');
  };
}

function FileButton({ file }: { file: MessageAttachment }) {
  const attachments = useAttachments();
  const { translator } = useConsole();
  const [busy, setBusy] = useState(false);
  async function download() {
    setBusy(true);
    try {
      const url = URL.createObjectURL(await attachments.download(file.id));
      Object.assign(document.createElement('a'), { href: url, download: file.name }).click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      // The button stays: pressing it again tries again.
    } finally {
      setBusy(false);
    }
  }
  return (
    <button type="button" class="message-file" aria-busy={busy} onClick={() => void download()} data-testid="message-file">
      <span class="message-file__name">{file.name}</span>
      <span class="message-file__size">{fileSizeIn(file.size, translator.language.value)}</span>
    </button>
  );
}

function ImageThumbnail({ file }: { file: MessageAttachment }) {
  const attachments = useAttachments();
  const [url, setUrl] = useState<string | null | 'failed'>(null);
  useEffect(() => {
    let created: string | undefined;
    let mounted = true;
    attachments.download(file.id).then(
      (blob) => {
        created = URL.createObjectURL(blob);
        if (mounted) setUrl(created);
        else URL.revokeObjectURL(created);
      },
      () => mounted && setUrl('failed'),
    );
    return () => {
      mounted = false;
      if (created) URL.revokeObjectURL(created);
    };
  }, [file.id, attachments]);
  if (url === 'failed') return <FileButton file={file} />;
  return (
    <a class="message-image" href={url ?? undefined} target="_blank" rel="noopener" data-testid="message-image">
      {url && <img src={url} alt={file.name} />}
    </a>
  );
}

export function MessageFiles({ files }: { files: MessageAttachment[] | undefined }) {
  const t = useT();
  if (!files?.length) return null;
  return (
    <div class="message-files" role="group" aria-label={t('chat.files.label')}>
      {files.map((file) => (file.isImage ? <ImageThumbnail key={file.id} file={file} /> : <FileButton key={file.id} file={file} />))}
    </div>
  );
}
