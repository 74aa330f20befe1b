import type { MessageAttachment } from '@parley/shared';
import { act, fireEvent, waitFor, within } from '@testing-library/preact';
import { fakeAttachmentRoutes, jsonResponse as json, type AttachmentRoutes } from '../test-support/attachment-routes';
import { AGENT, TOKEN, conversation, visitorMessage, PHOTO_FILE, RECEIPT_FILE } from '../test-support/fixtures';
import { openFirstChat } from '../test-support/open-chat';

const photo = PHOTO_FILE;
const receipt = RECEIPT_FILE;
const newLid: MessageAttachment = { id: 'att_new_lid_01', name: 'new lid.png', size: 90_000, contentType: 'image/png', isImage: true };

let routes: AttachmentRoutes | undefined;
afterEach(() => routes?.restore());
beforeEach(() => window.localStorage.clear());

describe('files in the console', () => {
  it("shows the visitor's image as a thumbnail and their PDF as a download, fetched with the bearer token", async () => {
    routes = fakeAttachmentRoutes({});
    const chat = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const { panel } = await openFirstChat({
      conversations: [chat],
      messages: [visitorMessage(chat, { text: 'My lid broke', attachments: [photo, receipt] })],
    });
    const image = await within(panel).findByRole('img', { name: 'broken lid.png' });
    expect(image).toHaveAttribute('src', 'blob:console/image/png');
    expect(routes.calls[0]).toMatchObject({ url: '/api/attachments/att_photo_0001', headers: { Authorization: `Bearer ${TOKEN}` } });
    const button = within(panel).getByRole('button', { name: /receipt\.pdf/ });
    expect(button).toHaveTextContent('51 kB');
    expect(routes.calls.map((call) => call.url)).not.toContain('/api/attachments/att_receipt_001');
  });

  it('uploads picked files into the conversation and sends them with the reply; a refusal says why', async () => {
    routes = fakeAttachmentRoutes({
      'new lid.png': () => json(201, { attachment: newLid }),
      'huge.mov': () =>
        json(400, {
          error: {
            code: 'VALIDATION_FAILED',
            message: 'The file is larger than 10 MB.',
            issues: [{ path: 'file.size', message: 'The file is larger than 10 MB.' }],
          },
        }),
    });
    const chat = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const { socket, panel } = await openFirstChat({ conversations: [chat] });
    const send = within(panel).getByRole('button', { name: 'Send' });
    const chooser = within(panel).getByLabelText('Attach files');
    await act(async () => {
      fireEvent.change(chooser, {
        target: { files: [new File(['png'], 'new lid.png', { type: 'image/png' }), new File(['mov'], 'huge.mov')] },
      });
    });
    const refusal = await within(panel).findByRole('alert');
    expect(refusal).toHaveTextContent('Larger than 10 MB');
    expect(routes.calls.filter((call) => call.method === 'POST').map((call) => call.url)).toEqual([
      `/api/attachments?conversationId=${chat.id}`,
      `/api/attachments?conversationId=${chat.id}`,
    ]);
    fireEvent.click(within(panel).getByRole('button', { name: 'Remove huge.mov' }));

    await waitFor(() => expect(send).toBeEnabled());
    fireEvent.click(send);
    expect(socket.emitsOf('message:send')).toEqual([
      { conversationId: chat.id, clientId: expect.any(String), text: '', attachments: [newLid.id] },
    ]);
    expect(within(panel).queryByTestId('composer-files')).toBeNull();
  });

  it('takes at most five files and says the rest were not attached; refused files do not take a place', async () => {
    const refused = () =>
      json(400, { error: { code: 'VALIDATION_FAILED', message: 'Not allowed.', issues: [{ path: 'file.type', message: 'Not allowed.' }] } });
    const uploads: Record<string, () => Response> = { 'bad.exe': refused };
    for (let n = 1; n <= 6; n += 1) uploads[`n${n}.png`] = () => json(201, { attachment: { ...newLid, id: `att_n${n}_0000001`, name: `n${n}.png` } });
    routes = fakeAttachmentRoutes(uploads);
    const chat = conversation({ status: 'assigned', assignedAgentId: AGENT.id });
    const { panel } = await openFirstChat({ conversations: [chat] });
    const chooser = within(panel).getByLabelText('Attach files');
    const choose = (...names: string[]) =>
      act(async () => {
        fireEvent.change(chooser, { target: { files: names.map((name) => new File(['x'], name, { type: 'image/png' })) } });
      });

    await choose('bad.exe');
    expect(await within(panel).findByRole('alert')).toBeInTheDocument();
    await choose('n1.png', 'n2.png', 'n3.png', 'n4.png', 'n5.png', 'n6.png');

    const names = () => within(panel).getByTestId('composer-files').querySelectorAll('.composer-files__name');
    await waitFor(() => expect([...names()].map((name) => name.textContent)).toEqual(['bad.exe', 'n1.png', 'n2.png', 'n3.png', 'n4.png', 'n5.png']));
    expect(within(panel).getByTestId('composer-files-left-out')).toHaveTextContent(
      'Up to 5 files can go with one message; the others were not attached.',
    );
    // The sixth was never uploaded.
    expect(routes.calls.filter((call) => call.method === 'POST')).toHaveLength(6);
    expect(chooser).toBeDisabled();
    fireEvent.click(within(panel).getByRole('button', { name: 'Remove n5.png' }));
    expect(within(panel).queryByTestId('composer-files-left-out')).toBeNull();
    expect(chooser).toBeEnabled();
  });
});
