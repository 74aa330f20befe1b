/**
 * Files in chats for one signed-in agent (docs/attachments.md): upload into a conversation, and
 * download as a blob. The token travels in the Authorization header, never in a URL, so images are
 * shown through `blob:` URLs.
 */
import type { ATTACHMENT_HEADERS, AttachmentUploadResponse, MessageAttachment } from '@parley/shared';
import { ApiError, NETWORK_FAILURE, parleyErrorFrom } from './api-error';
import { fetcher } from './json-request';

// Checked against the contract's literal type without importing shared's runtime.
const FILE_NAME_HEADER: (typeof ATTACHMENT_HEADERS)['fileName'] = 'X-Parley-File-Name';

export interface AttachmentsClient {
  /** Rejects with an ApiError; a refusal's first issue path says why (`file.size`, `file.type`…). */
  upload(conversationId: string, file: File): Promise<MessageAttachment>;
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
    async upload(conversationId, file) {
      const response = await send(`${base}?conversationId=${encodeURIComponent(conversationId)}`, {
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
