import type { MessageAttachment } from '@parley/shared';
import { within } from '@testing-library/preact';
import { fakeAttachmentRoutes, type AttachmentRoutes } from '../../test-support/attachment-routes';
import { AGENT, TOKEN, ticket, ticketEvent, PHOTO_FILE, RECEIPT_FILE } from '../../test-support/fixtures';
import { openTicket } from '../../test-support/open-ticket';

const photo = PHOTO_FILE;
const receipt = RECEIPT_FILE;
const courierLog: MessageAttachment = { id: 'att_courier_01', name: 'courier log.txt', size: 2_048, contentType: 'text/plain', isImage: false };

let routes: AttachmentRoutes | undefined;
afterEach(() => routes?.restore());
beforeEach(() => window.localStorage.clear());

describe('files in a ticket timeline', () => {
  it("shows each reply's and note's files under its text: images as thumbnails, other files to download", async () => {
    routes = fakeAttachmentRoutes({});
    const subject = ticket({ subject: 'Broken lid', status: 'open' });
    const byAna = { authorKind: 'agent', authorId: AGENT.id, authorName: AGENT.name } as const;
    const { view } = await openTicket(subject, [
      ticketEvent(subject, { seq: 1, kind: 'created', text: 'The lid arrived broken' }),
      ticketEvent(subject, { seq: 2, kind: 'reply', ...byAna, text: 'Sorry! A photo of the new one and your receipt.', attachments: [photo, receipt] }),
      ticketEvent(subject, { seq: 3, kind: 'note', ...byAna, text: 'What the courier logged', attachments: [courierLog] }),
    ]);
    const [created, reply, note] = within(view).getAllByTestId('timeline-item') as [HTMLElement, HTMLElement, HTMLElement];

    const image = await within(reply).findByRole('img', { name: 'broken lid.png' });
    expect(image).toHaveAttribute('src', 'blob:console/image/png');
    expect(routes.calls).toEqual([
      expect.objectContaining({ url: '/api/attachments/att_photo_0001', headers: { Authorization: `Bearer ${TOKEN}` } }),
    ]);
    expect(within(reply).getByRole('button', { name: /receipt\.pdf/ })).toHaveTextContent('receipt.pdf51 kB');
    expect(within(note).getByRole('button', { name: /courier log\.txt/ })).toHaveTextContent('courier log.txt2 kB');
    expect(within(created).queryByRole('group', { name: 'Files' })).toBeNull();
  });
});
