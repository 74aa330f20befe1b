/**
 * The files of a message: images as thumbnails (fetched with the visitor's headers and shown through
 * `blob:` URLs), other files as buttons that download them when pressed.
 */
import { formatFileSize, type MessageAttachment } from '@parley/shared';
import { useEffect, useState } from 'preact/hooks';
import { downloadFile } from '../attachment-transfer';
import type { FileAccess } from '../chat-actions';
import { useTranslation } from '../i18n-context';

export interface AttachmentFilesProps {
  files: MessageAttachment[];
  access: () => FileAccess;
}

function useBlobUrl(file: MessageAttachment, access: () => FileAccess): string | null | 'failed' {
  const [url, setUrl] = useState<string | null | 'failed'>(null);
  useEffect(() => {
    let created: string | undefined;
    let mounted = true;
    downloadFile(file.id, access()).then(
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
  }, [file.id]);
  return url;
}

function FileButton({ file, access }: { file: MessageAttachment; access: () => FileAccess }) {
  const { intl } = useTranslation();
  const [busy, setBusy] = useState(false);
  const download = async (): Promise<void> => {
    setBusy(true);
    try {
      const url = URL.createObjectURL(await downloadFile(file.id, access()));
      const link = Object.assign(document.createElement('a'), { href: url, download: file.name });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch {
      // Nothing to show but the button again: a second press tries again.
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" class="message-file" aria-busy={busy} onClick={() => void download()} data-testid="message-file">
      <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="1.8">
        <path d="M6 3h8l4 4v14H6zM14 3v4h4" />
      </svg>
      <span class="message-file__name" dir="auto">
        {file.name}
      </span>
      <span class="message-file__size">{formatFileSize(file.size, intl)}</span>
    </button>
  );
}

function ImageThumbnail({ file, access }: { file: MessageAttachment; access: () => FileAccess }) {
  const url = useBlobUrl(file, access);
  if (url === 'failed') return <FileButton file={file} access={access} />;
  return (
    <a class="message-image" href={url ?? undefined} target="_blank" rel="noopener" data-testid="message-image">
      {url && <img src={url} alt={file.name} />}
    </a>
  );
}

export default function AttachmentFiles({ files, access }: AttachmentFilesProps) {
  return (
    <div class="message-files">
      {files.map((file) =>
        file.isImage ? (
          <ImageThumbnail key={file.id} file={file} access={access} />
        ) : (
          <FileButton key={file.id} file={file} access={access} />
        ),
      )}
    </div>
  );
}
