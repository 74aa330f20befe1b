/**
 * Files in chats and tickets for one signed-in agent (docs/attachments.md): upload into a
 * conversation or a ticket, and download as a blob. The token travels in the Authorization header, never in a URL, so images are
 * shown through `blob:` URLs.
 */
import type { ATTACHMENT_HEADERS, AttachmentUploadResponse, MessageAttachment } from '@parley/shared';
import { ApiError, NETWORK_FAILURE, parleyErrorFrom } from './api-error';
import { fetcher } from './json-request';

// Checked against the contract's literal type without importing shared's runtime.
const FILE_NAME_HEADER: (typeof ATTACHMENT_HEADERS)['fileName'] = 'X-Parley-File-Name';

/** Where an upload goes: a chat's next message, or a ticket's next reply or note. */
export type UploadTarget = { conversationId: string } | { ticketId: string };

/** `conversationId=…` or `ticketId=…`, the upload route's query. */
function targetQuery(target: UploadTarget): string {
  return 'ticketId' in target
    ? `ticketId=${encodeURIComponent(target.ticketId)}`
    : `conversationId=${encodeURIComponent(target.conversationId)}`;
}

export interface AttachmentsClient {
  /** Rejects with an ApiError; a refusal's first issue path says why (`file.size`, `file.type`…). */
  upload(target: UploadTarget, file: File): Promise<MessageAttachment>;
  download(id: string): Promise<Blob>;
}

export function createAttachmentsClient(options: { token: string; fetch?: typeof fetch; base?: string }): AttachmentsClient {
  const doFetch = fetcher(options.fetch);
  const base = options.base ?? '/api/attachments';
  const authorization = { Authorization: `Bearer ${options.token}` };

  async function send(url: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await doFetch(url, init);
    } catch {
      throw new ApiError(NETWORK_FAILURE);
    }
    if (!response.ok) throw new ApiError(parleyErrorFrom(await response.json().catch(() => null)));
    return response;
  }

  return {
    async upload(target, file) {
      const response = await send(`${base}?${targetQuery(target)}`, {
        method: 'POST',
        headers: { ...authorization, [FILE_NAME_HEADER]: encodeURIComponent(file.name) },
        body: file,
      });
      return ((await response.json()) as AttachmentUploadResponse).attachment;
    },
    async download(id) {
      return (await send(`${base}/${encodeURIComponent(id)}`, { headers: authorization })).blob();
    },
  };
}
