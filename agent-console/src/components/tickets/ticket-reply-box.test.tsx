import type { MessageAttachment } from '@parley/shared';
import { act, fireEvent, waitFor, within } from '@testing-library/preact';
import { fakeAttachmentRoutes, jsonResponse, uploadRefusal, type AttachmentRoutes } from '../../test-support/attachment-routes';
import { TOKEN, ticket, ticketEvent } from '../../test-support/fixtures';
import { openTicket } from '../../test-support/open-ticket';

const invoice: MessageAttachment = { id: 'att_invoice_001', name: 'invoice.pdf', size: 52_000, contentType: 'application/pdf', isImage: false };

let routes: AttachmentRoutes | undefined;
afterEach(() => routes?.restore());
beforeEach(() => window.localStorage.clear());

const pdf = (name: string) => new File(['%PDF'], name, { type: 'application/pdf' });

async function openBox(status: 'open' | 'closed' = 'open') {
  const subject = ticket({ subject: 'Invoice missing', status });
  const opened = await openTicket(subject, [ticketEvent(subject, { seq: 1, kind: 'created', text: 'Where is my invoice?' })]);
  const box = within(opened.view).getByTestId('ticket-reply');
  return { ...opened, subject, box, send: within(box).getByTestId('ticket-reply-send') };
}

async function pick(box: HTMLElement, ...files: File[]) {
  await act(async () => {
    fireEvent.change(within(box).getByLabelText('Attach files'), { target: { files } });
  });
}

const write = (box: HTMLElement, text: string) =>
  fireEvent.input(within(box).getByRole('textbox', { name: 'Reply to the customer' }), { target: { value: text } });

describe('files in a ticket reply', () => {
  it('uploads a picked file into the ticket at once, holds Send while it uploads, and sends its id with the reply', async () => {
    let answer: (response: Response) => void = () => undefined;
    routes = fakeAttachmentRoutes({ 'invoice.pdf': () => new Promise<Response>((resolve) => (answer = resolve)) });
    const { socket, server, view, subject, box, send } = await openBox();
    server.files.set(invoice.id, invoice);
    write(box, 'Here it is');

    await pick(box, pdf('invoice.pdf'));
    expect(routes.calls).toEqual([
      expect.objectContaining({
        method: 'POST',
        url: `/api/attachments?ticketId=${subject.id}`,
        headers: { Authorization: `Bearer ${TOKEN}`, 'X-Parley-File-Name': 'invoice.pdf' },
      }),
    ]);
    expect(within(box).getByTestId('composer-files')).toHaveTextContent('invoice.pdfUploading…');
    expect(send).toBeDisabled();

    await act(async () => answer(jsonResponse(201, { attachment: invoice })));
    await waitFor(() => expect(send).toBeEnabled());
    fireEvent.click(send);

    await waitFor(() => expect(within(view).getAllByTestId('timeline-item')).toHaveLength(2));
    expect(socket.emitsOf('ticket:reply')).toEqual([
      { ticketId: subject.id, reply: { text: 'Here it is', internal: false, attachments: [invoice.id] } },
    ]);
    expect(within(box).queryByTestId('composer-files')).toBeNull();
    const sent = within(view).getAllByTestId('timeline-item').at(-1) as HTMLElement;
    expect(within(sent).getByRole('button', { name: /invoice\.pdf/ })).toBeInTheDocument();
  });

  it('sends a file alone, with nothing written; with neither, Send stays off', async () => {
    routes = fakeAttachmentRoutes({ 'invoice.pdf': () => jsonResponse(201, { attachment: invoice }) });
    const { socket, server, subject, box, send } = await openBox();
    server.files.set(invoice.id, invoice);
    write(box, '   ');
    expect(send).toBeDisabled();

    await pick(box, pdf('invoice.pdf'));
    await waitFor(() => expect(send).toBeEnabled());
    fireEvent.click(send);

    await waitFor(() => expect(socket.emitsOf('ticket:reply')).toHaveLength(1));
    expect(socket.emitsOf('ticket:reply')).toEqual([{ ticketId: subject.id, reply: { text: '', internal: false, attachments: [invoice.id] } }]);
    await waitFor(() => expect(within(box).queryByTestId('composer-files')).toBeNull());
    expect(send).toBeDisabled();
  });

  it('says why a file was refused, and sends the reply without it', async () => {
    routes = fakeAttachmentRoutes({
      'clip.mov': () => uploadRefusal('file.type', 'Only images, PDF, plain text, Word and Excel files can be sent.'),
      'blank.pdf': () => uploadRefusal('file.empty', 'The file is empty.'),
    });
    const { socket, subject, box, send } = await openBox();
    write(box, 'See the attached');

    await pick(box, new File(['mov'], 'clip.mov'), pdf('blank.pdf'));
    await waitFor(() =>
      expect(within(box).getAllByRole('alert').map((alert) => alert.textContent)).toEqual([
        "This kind of file can't be sent",
        'The file is empty',
      ]),
    );
    expect(send).toBeEnabled();
    fireEvent.click(send);

    await waitFor(() => expect(within(box).queryByTestId('composer-files')).toBeNull());
    expect(socket.emitsOf('ticket:reply')).toEqual([
      { ticketId: subject.id, reply: { text: 'See the attached', internal: false } },
    ]);
  });

  it('keeps the files picked when the reply fails, to send again', async () => {
    routes = fakeAttachmentRoutes({ 'invoice.pdf': () => jsonResponse(201, { attachment: invoice }) });
    const { socket, box, send } = await openBox();
    socket.handle('ticket:reply', () => ({ ok: false, error: { code: 'INTERNAL', message: 'The store is down.' } }));
    write(box, 'Here it is');
    await pick(box, pdf('invoice.pdf'));
    await waitFor(() => expect(send).toBeEnabled());

    fireEvent.click(send);

    expect(await within(box).findByRole('alert')).toHaveAttribute('data-code', 'INTERNAL');
    expect(within(box).getByTestId('composer-files')).toHaveTextContent('invoice.pdf');
    expect(within(box).getByRole('button', { name: 'Remove invoice.pdf' })).toBeInTheDocument();
    expect(send).toBeEnabled();
  });

  it('takes files dropped on the box or pasted into it, as a note', async () => {
    routes = fakeAttachmentRoutes({
      'invoice.pdf': () => jsonResponse(201, { attachment: invoice }),
      'receipt.pdf': () => jsonResponse(201, { attachment: { ...invoice, id: 'att_receipt_001', name: 'receipt.pdf' } }),
    });
    const { socket, server, subject, box, send } = await openBox();
    server.files.set(invoice.id, invoice).set('att_receipt_001', { ...invoice, id: 'att_receipt_001', name: 'receipt.pdf' });
    fireEvent.click(within(box).getByRole('button', { name: 'Internal note' }));
    write(box, 'Copies for the team');

    await act(async () => {
      fireEvent.drop(box, { dataTransfer: { files: [pdf('invoice.pdf')], types: ['Files'] } });
    });
    await act(async () => {
      fireEvent.paste(within(box).getByRole('textbox'), { clipboardData: { files: [pdf('receipt.pdf')] } });
    });
    await waitFor(() => expect(send).toBeEnabled());
    fireEvent.click(send);

    await waitFor(() => expect(socket.emitsOf('ticket:reply')).toHaveLength(1));
    expect(socket.emitsOf('ticket:reply')).toEqual([
      { ticketId: subject.id, reply: { text: 'Copies for the team', internal: true, attachments: [invoice.id, 'att_receipt_001'] } },
    ]);
    expect(routes.calls.map((call) => call.url)).toEqual([
      `/api/attachments?ticketId=${subject.id}`,
      `/api/attachments?ticketId=${subject.id}`,
    ]);
  });

  it('offers no files on a closed ticket', async () => {
    routes = fakeAttachmentRoutes({});
    const { box } = await openBox('closed');
    expect(within(box).getByRole('textbox', { name: 'Reply to the customer' })).toBeDisabled();
    expect(within(box).queryByLabelText('Attach files')).toBeNull();

    await act(async () => {
      fireEvent.drop(box, { dataTransfer: { files: [pdf('invoice.pdf')], types: ['Files'] } });
    });
    expect(routes.calls).toEqual([]);
    expect(within(box).queryByTestId('composer-files')).toBeNull();
  });
});
