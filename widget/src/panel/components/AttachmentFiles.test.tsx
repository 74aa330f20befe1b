import { fireEvent, screen, waitFor } from '@testing-library/preact';
import { anAttachment, installFakeUploadServer } from '../../test-support/fake-upload-server';
import { aMessage } from '../../test-support/message-factory';
import { fakeActions, renderWithI18n } from '../../test-support/render-with-i18n';
import { createChatStore } from '../chat-store';
import { PanelApp } from './PanelApp';

const photo = anAttachment({ id: 'att_photo', name: 'teapot.png', size: 2 * 1024 * 1024 + 300_000 });
const invoice = anAttachment({ id: 'att_invoice', name: 'Invoice №5.pdf', size: 82_000, contentType: 'application/pdf', isImage: false });

let server: ReturnType<typeof installFakeUploadServer>;
beforeEach(() => {
  server = installFakeUploadServer({
    att_photo: new Blob(['png'], { type: 'image/png' }),
    att_invoice: new Blob(['%PDF-1.7'], { type: 'application/pdf' }),
  });
});
afterEach(() => server.uninstall());

async function renderWithAgentFiles(locale: 'en' | 'de' = 'en') {
  const store = createChatStore({ connection: 'online', open: true });
  store.receiveMessages(
    [aMessage({ seq: 1, text: 'Here you are', author: { kind: 'agent', id: 'agent_1', name: 'Anna' }, attachments: [photo, invoice] })],
    { live: false },
  );
  await renderWithI18n(<PanelApp store={store} actions={fakeActions()} />, locale);
}

describe("the agent's files in the timeline", () => {
  it('shows an image as a thumbnail fetched with the visitor’s headers, never a token in the URL', async () => {
    await renderWithAgentFiles();
    const image = await screen.findByRole('img', { name: 'teapot.png' });
    expect(image).toHaveAttribute('src', 'blob:fake/3-image/png');
    expect(server.fetched[0]).toEqual({
      url: '/api/attachments/att_photo',
      headers: { 'X-Parley-Visitor-Token': 'visitor-token-for-files', 'X-Parley-Site-Key': 'site_key_123' },
    });
  });

  it('offers a document by name and size, and downloads it only when asked', async () => {
    await renderWithAgentFiles('de');
    const button = await screen.findByRole('button', { name: /Invoice №5\.pdf/ });
    expect(button).toHaveTextContent('80 kB');
    expect(server.fetched.map((request) => request.url)).not.toContain('/api/attachments/att_invoice');
    const clicked: string[] = [];
    jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(`${this.download} <- ${this.href}`);
    });
    fireEvent.click(button);
    await waitFor(() => expect(clicked).toEqual(['Invoice №5.pdf <- blob:fake/8-application/pdf']));
  });

  it('gives a file under a kilobyte its size in bytes, not "1 kB"', async () => {
    const note = anAttachment({ id: 'att_note', name: 'note.txt', size: 16, contentType: 'text/plain', isImage: false });
    const store = createChatStore({ connection: 'online', open: true });
    store.receiveMessages([aMessage({ seq: 1, author: { kind: 'agent', id: 'agent_1', name: 'Anna' }, attachments: [note] })], { live: false });
    await renderWithI18n(<PanelApp store={store} actions={fakeActions()} />);
    const button = await screen.findByRole('button', { name: /note\.txt/ });
    expect(button).toHaveTextContent('16 bytes');
    expect(button).not.toHaveTextContent(/kB/);
  });
});

