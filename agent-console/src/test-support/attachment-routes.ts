/** Fakes the server's attachment routes on `fetch`, and `blob:` URLs, which jsdom lacks. */

export interface AttachmentCall {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: unknown;
}

export interface AttachmentRoutes {
  /** Every request, in order. */
  calls: AttachmentCall[];
  restore(): void;
}

/**
 * Uploads are answered from `uploads` by file name, downloads as small blobs (an image when the
 * id says "photo"). A `blob:` URL names the type it was made of.
 */
export function fakeAttachmentRoutes(uploads: Record<string, () => Response | Promise<Response>>): AttachmentRoutes {
  const calls: AttachmentCall[] = [];
  const original = globalThis.fetch;
  globalThis.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const url = String(input);
    calls.push({ url, method: init?.method ?? 'GET', headers, body: init?.body });
    if (init?.method === 'POST') return uploads[decodeURIComponent(headers['X-Parley-File-Name'] ?? '')]!();
    const blob = new Blob(['bytes'], { type: url.includes('photo') ? 'image/png' : 'application/pdf' });
    return { ok: true, status: 200, blob: async () => blob } as Response;
  }) as typeof fetch;
  URL.createObjectURL = (blob: Blob) => `blob:console/${blob.type}`;
  URL.revokeObjectURL = () => undefined;
  return {
    calls,
    restore() {
      globalThis.fetch = original;
    },
  };
}

// jsdom has no Response: what the client reads of one.
export const jsonResponse = (status: number, body: unknown) => ({ ok: status < 300, status, json: async () => body }) as Response;

/** The server's refusal of a file, as the upload route answers it. */
export const uploadRefusal = (path: string, message: string) =>
  jsonResponse(400, { error: { code: 'VALIDATION_FAILED', message, issues: [{ path, message }] } });
