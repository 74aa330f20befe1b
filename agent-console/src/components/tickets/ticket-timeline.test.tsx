import type { MessageAttachment } from '@parley/shared';
import { act, within } from '@testing-library/preact';
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

describe('the agent’s own steps in the timeline', () => {
  it('read as full sentences about "you" in German, while a colleague’s stay in the third person', async () => {
    const subject = ticket({ subject: 'Paket fehlt', status: 'pending' });
    const byMe = { authorKind: 'agent', authorId: AGENT.id, authorName: AGENT.name } as const;
    const byBea = { authorKind: 'agent', authorId: 'agent-bea-00001', authorName: 'Bea' } as const;
    const { view, app } = await openTicket(subject, [
      ticketEvent(subject, { seq: 1, kind: 'created', text: 'Mein Paket fehlt' }),
      ticketEvent(subject, {
        seq: 2, kind: 'reply', ...byMe, text: 'Wir prüfen das.',
        changes: [{ field: 'status', from: 'new', to: 'pending' }, { field: 'assigneeAgentId', from: null, to: AGENT.id }],
      }),
      ticketEvent(subject, { seq: 3, kind: 'note', ...byMe, text: 'Beim Kurier nachgefragt' }),
      ticketEvent(subject, { seq: 4, kind: 'reply', ...byBea, text: 'Es ist unterwegs.' }),
    ]);
    await act(() => app.translator.setLanguage('de'));

    const headlines = within(view).getAllByTestId('timeline-item').map((item) => item.querySelector('.timeline-item__headline')?.textContent);
    expect(headlines).toEqual(['Maria hat das Ticket eröffnet', 'Sie haben geantwortet', 'Sie haben eine Notiz hinzugefügt', 'Bea hat geantwortet']);
    const changes = within(view).getAllByTestId('timeline-change').map((change) => change.textContent);
    expect(changes).toEqual(['Sie haben Status von Neu auf Wartend geändert', expect.stringMatching(/^Sie haben Zuständigkeit auf .+ gesetzt$/)]);
    expect(view).not.toHaveTextContent(/Sie hat/);
  });
});
