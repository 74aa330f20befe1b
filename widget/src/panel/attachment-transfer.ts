/**
 * Files to and from the server for the visitor (docs/attachments.md): uploads with progress, and
 * downloads as blobs. The visitor's token travels in headers, never in a URL. Loaded with the
 * attachment parts only.
 */
import type { AttachmentUploadResponse, MessageAttachment } from '@parley/shared';
import type { FileAccess } from './chat-actions';

// Mirrors ATTACHMENT_HEADERS and UPLOAD_REFUSAL_PATHS of @parley/shared (zod stays out of the panel); shared-mirrors.test.ts compares them.
export const FILE_HEADERS = {
  visitorToken: 'X-Parley-Visitor-Token',
  siteKey: 'X-Parley-Site-Key',
  fileName: 'X-Parley-File-Name',
} as const;
export const REFUSAL_PATHS = { tooLarge: 'file.size', empty: 'file.empty', typeNotAllowed: 'file.type' } as const;
/** Mirrors MESSAGE_MAX_ATTACHMENTS. */
export const MAX_FILES_PER_MESSAGE = 5;
/** What the server accepts (it decides from the bytes; this only narrows the file chooser). */
export const ACCEPTED_FILES = 'image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain,.txt,.docx,.xlsx';

const ATTACHMENTS_PATH = '/api/attachments';

/** Why an upload failed, in terms the visitor can act on. */
export type UploadFailure = { reason: 'tooLarge'; maxBytes: number } | { reason: 'empty' } | { reason: 'type' } | { reason: 'failed' };

export interface Upload {
  done: Promise<MessageAttachment>;
  abort(): void;
}

function accessHeaders(access: FileAccess): Record<string, string> {
  return { [FILE_HEADERS.visitorToken]: access.token ?? '', [FILE_HEADERS.siteKey]: access.siteKey };
}

interface RefusalBody {
  error?: { message?: string; issues?: { path?: unknown }[] };
}

const MB = 1024 * 1024;

/** Reads the server's refusal: its first issue's path says why; the size limit is in its message ("10 MB", "512 KB"). */
export function uploadFailureOf(status: number, body: unknown): UploadFailure {
  const error = (body as RefusalBody | null)?.error;
  const path = error?.issues?.[0]?.path;
  const where = Array.isArray(path) ? path.join('.') : String(path ?? '');
  if (status === 400 && where === REFUSAL_PATHS.tooLarge) {
    const limit = /(\d+(?:\.\d+)?) ([KM])B/.exec(error?.message ?? '');
    return { reason: 'tooLarge', maxBytes: limit ? Number(limit[1]) * (limit[2] === 'M' ? MB : 1024) : 10 * MB };
  }
  if (status === 400 && where === REFUSAL_PATHS.empty) return { reason: 'empty' };
  if (status === 400 && where === REFUSAL_PATHS.typeNotAllowed) return { reason: 'type' };
  return { reason: 'failed' };
}

/** POSTs the file itself (it streams) and reports progress from 0 to 1; rejects with an UploadFailure. */
export function uploadFile(file: File, access: FileAccess, onProgress: (fraction: number) => void): Upload {
  // XMLHttpRequest rather than fetch: only it reports upload progress everywhere.
  const request = new XMLHttpRequest();
  const done = new Promise<MessageAttachment>((resolve, reject) => {
    request.open('POST', ATTACHMENTS_PATH);
    const headers = { ...accessHeaders(access), [FILE_HEADERS.fileName]: encodeURIComponent(file.name) };
    for (const [name, value] of Object.entries(headers)) request.setRequestHeader(name, value);
    request.responseType = 'json';
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      if (request.status === 201) resolve((request.response as AttachmentUploadResponse).attachment);
      else reject(uploadFailureOf(request.status, request.response));
    };
    request.onerror = request.onabort = () => reject({ reason: 'failed' } satisfies UploadFailure);
    request.send(file);
  });
  return { done, abort: () => request.abort() };
}

/** The file's bytes, for a `blob:` URL (images) or a download the visitor asked for. */
export async function downloadFile(id: string, access: FileAccess): Promise<Blob> {
  const response = await fetch(`${ATTACHMENTS_PATH}/${encodeURIComponent(id)}`, { headers: accessHeaders(access) });
  if (!response.ok) throw new Error(`attachment ${id}: HTTP ${response.status}`);
  return response.blob();
}

