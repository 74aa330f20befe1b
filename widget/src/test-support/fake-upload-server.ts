/**
 * Stands in for the server's attachment routes in component tests: uploads through a fake
 * XMLHttpRequest the test answers one by one (with progress), downloads through a fake fetch, and
 * `blob:` URLs that name what they were made of. Installs on the jsdom window; uninstall after.
 */
import type { MessageAttachment } from '@parley/shared';

export interface PendingUpload {
  headers: Record<string, string>;
  body: File;
  progress(loaded: number, total: number): void;
  answer(status: number, body: unknown): void;
  aborted: boolean;
}

export function installFakeUploadServer(downloads: Record<string, Blob> = {}) {
  const uploads: PendingUpload[] = [];
  const fetched: { url: string; headers: Record<string, string> }[] = [];

  class FakeXhr {
    upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    responseType = '';
    status = 0;
    response: unknown = null;
    private readonly headers: Record<string, string> = {};
    private pending?: PendingUpload;
    open(method: string, url: string): void {
      if (method !== 'POST' || url !== '/api/attachments') throw new Error(`unexpected ${method} ${url}`);
    }
    setRequestHeader(name: string, value: string): void {
      this.headers[name] = value;
    }
    send(body: File): void {
      this.pending = {
        headers: this.headers,
        body,
        aborted: false,
        progress: (loaded, total) =>
          this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent),
        answer: (status, response) => {
          this.status = status;
          this.response = response;
          this.onload?.();
        },
      };
      uploads.push(this.pending);
    }
    abort(): void {
      if (this.pending) this.pending.aborted = true;
      this.onabort?.();
    }
  }

  const original = { xhr: window.XMLHttpRequest, fetch: window.fetch, create: URL.createObjectURL, revoke: URL.revokeObjectURL };
  window.XMLHttpRequest = FakeXhr as unknown as typeof XMLHttpRequest;
  window.fetch = (async (url: string, init?: RequestInit) => {
    fetched.push({ url, headers: init?.headers as Record<string, string> });
    const id = decodeURIComponent(url.split('/').pop() ?? '');
    const blob = downloads[id];
    return blob
      ? ({ ok: true, status: 200, blob: async () => blob } as Response)
      : ({ ok: false, status: 404, blob: async () => new Blob() } as Response);
  }) as typeof fetch;
  const revoked: string[] = [];
  URL.createObjectURL = (blob: Blob) => `blob:fake/${blob.size}-${blob.type}`;
  URL.revokeObjectURL = (url: string) => void revoked.push(url);

  return {
    uploads,
    fetched,
    revoked,
    uninstall(): void {
      window.XMLHttpRequest = original.xhr;
      window.fetch = original.fetch;
      URL.createObjectURL = original.create;
      URL.revokeObjectURL = original.revoke;
    },
  };
}

export function anAttachment(overrides: Partial<MessageAttachment> = {}): MessageAttachment {
  return { id: 'att_photo_1', name: 'teapot.png', size: 48_213, contentType: 'image/png', isImage: true, ...overrides };
}
