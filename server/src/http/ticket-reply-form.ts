/**
 * The ticket page's reply form, sent as multipart/form-data: its text and up to five files. Each
 * file is checked and stored as it arrives (the form is read once, as a stream); a refused one is
 * drained so the rest of the form is still read, and the first refusal is answered (rate limits too).
 */
import { MESSAGE_MAX_ATTACHMENTS, type Ticket } from '@parley/shared';
import busboy from 'busboy';
import type { Request } from 'express';
import { PassThrough, type Readable } from 'node:stream';
import type { AttachmentService } from '../domain/attachment.service';
import { DomainError } from '../domain/domain-error';
import { UploadRefused } from '../files/upload-refused';

interface Refusal {
  name: string;
  refusal: DomainError;
}
type Outcome = { id: string } | Refusal;

export interface ReplyForm {
  text: unknown;
  /** The files stored for the reply, in the form's order. */
  attachmentIds: string[];
  /** Why a file was not taken (the reply should not go without it); null when every file was. */
  refused: Refusal | null;
  /** More files than a reply takes were chosen. */
  tooManyFiles: boolean;
}

// The form's own fields are short; anything else is not from the page.
const LIMITS = { fields: 5, fieldSize: 16 * 1024, files: MESSAGE_MAX_ATTACHMENTS, parts: MESSAGE_MAX_ATTACHMENTS + 5 } as const;

export const isMultipart = (req: Request): boolean => (req.headers['content-type'] ?? '').toLowerCase().startsWith('multipart/form-data');

export interface ReplyFormDeps {
  attachments: AttachmentService;
  maxUploadBytes: number;
  /** Counts each file against the upload limits before it is read; throws RATE_LIMITED over them. */
  beforeEachFile: () => Promise<void>;
}

export async function readReplyForm(req: Request, ticket: Ticket, deps: ReplyFormDeps): Promise<ReplyForm> {
  // One byte over the limit is enough for the upload's own check to refuse the file; busboy drops the rest.
  const form = busboy({ headers: req.headers, limits: { ...LIMITS, fileSize: deps.maxUploadBytes + 1 }, defParamCharset: 'utf8' });
  let text: unknown;
  let tooManyFiles = false;
  const outcomes: Promise<Outcome>[] = [];
  form.on('field', (name, value) => {
    if (name === 'text') text = value;
  });
  form.on('file', (name, stream, info) => {
    // A file input left empty still sends a part, with no name and no bytes.
    if (name !== 'files' || !info.filename) return void stream.resume();
    outcomes.push(storeOne(stream, info.filename));
  });
  form.on('filesLimit', () => (tooManyFiles = true));
  function storeOne(stream: Readable, name: string): Promise<Outcome> {
    // The service destroys what it is given once done; busboy's own stream must still be read to its end.
    const source = new PassThrough();
    stream.pipe(source);
    const stored = async () => {
      await deps.beforeEachFile();
      return { id: (await deps.attachments.uploadForRequester(ticket, { name, source })).id };
    };
    return stored().catch((error: unknown) => {
      stream.unpipe(source);
      source.destroy();
      stream.resume();
      if (error instanceof UploadRefused || (error instanceof DomainError && error.code === 'RATE_LIMITED')) return { refusal: error, name };
      throw error;
    });
  }
  await new Promise<void>((resolve, reject) => {
    form.once('close', resolve);
    form.once('error', reject);
    req.pipe(form);
  });
  // In the form's order: the ids of the files taken, and the first one refused.
  const settled = await Promise.all(outcomes);
  return {
    text,
    attachmentIds: settled.flatMap((outcome) => ('id' in outcome ? [outcome.id] : [])),
    refused: settled.find((outcome): outcome is Refusal => 'refusal' in outcome) ?? null,
    tooManyFiles,
  };
}
