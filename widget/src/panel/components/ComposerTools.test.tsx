import { act, fireEvent, screen, waitFor, within } from '@testing-library/preact';
import { anAttachment, installFakeUploadServer } from '../../test-support/fake-upload-server';
import { fakeActions, renderWithI18n } from '../../test-support/render-with-i18n';
import { createChatStore } from '../chat-store';
import { PanelApp } from './PanelApp';

let server: ReturnType<typeof installFakeUploadServer>;
beforeEach(() => (server = installFakeUploadServer()));
afterEach(() => server.uninstall());

const aFile = (name: string, type = 'image/png', bytes = 'png-bytes') => new File([bytes], name, { type });

async function renderPanel(locale: 'en' | 'ru' = 'en') {
  const store = createChatStore({ connection: 'online', open: true });
  const actions = fakeActions();
  await renderWithI18n(<PanelApp store={store} actions={actions} />, locale);
  const attach = await screen.findByRole('button', { name: locale === 'en' ? 'Attach files' : 'Прикрепить файлы' });
  return { store, actions, attach, chooser: screen.getByTestId('file-chooser') as HTMLInputElement };
}

const send = () => screen.getByRole('button', { name: 'Send' });

describe('attaching files in the composer', () => {
  it('uploads a chosen file with progress, then sends it (with or without text) and empties the list', async () => {
    const { actions, attach, chooser } = await renderPanel();
    const click = jest.spyOn(chooser, 'click');
    fireEvent.click(attach);
    expect(click).toHaveBeenCalled();

    fireEvent.change(chooser, { target: { files: [aFile('teapot.png')] } });
    expect(server.uploads).toHaveLength(1);
    const [upload] = server.uploads;
    // The visitor's token and the site key in headers, the name percent-encoded: never in the URL.
    expect(upload!.headers).toEqual({
      'X-Parley-Visitor-Token': 'visitor-token-for-files',
      'X-Parley-Site-Key': 'site_key_123',
      'X-Parley-File-Name': 'teapot.png',
    });
    const progress = screen.getByRole('progressbar', { name: 'teapot.png' });
    act(() => upload!.progress(30, 100));
    expect(progress).toHaveAttribute('value', '0.3');
    // Nothing goes while a file is still on its way.
    expect(send()).toBeDisabled();

    act(() => upload!.answer(201, { attachment: anAttachment() }));
    await waitFor(() => expect(send()).toBeEnabled());
    expect(screen.queryByRole('progressbar')).toBeNull();
    fireEvent.click(send());
    expect(actions.send).toHaveBeenCalledWith('', [anAttachment()]);
    await waitFor(() => expect(screen.queryByTestId('picked-files')).toBeNull());
  });

  it('says why the server refused a file, in the visitor’s language, and lets the visitor take it back', async () => {
    const { actions, chooser } = await renderPanel('ru');
    fireEvent.change(chooser, { target: { files: [aFile('big.pdf', 'application/pdf'), aFile('page.svg', 'image/svg+xml')] } });
    const [big, svg] = server.uploads;
    const refusal = (path: string, message: string) => ({ error: { code: 'VALIDATION_FAILED', message, issues: [{ path, message }] } });
    act(() => big!.answer(400, refusal('file.size', 'The file is larger than 10 MB.')));
    act(() => svg!.answer(400, refusal('file.type', 'Only images, PDF…')));
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((alert) => alert.textContent)).toEqual(['Больше 10 МБ', 'Такие файлы отправлять нельзя']);

    // Refused files never go with a message.
    fireEvent.input(screen.getByRole('textbox'), { target: { value: 'Вот файлы' } });
    fireEvent.click(screen.getByRole('button', { name: 'Отправить' }));
    expect(actions.send).toHaveBeenCalledWith('Вот файлы', []);
  });

  it('says a 0-byte file is empty, not that the upload failed', async () => {
    await renderPanel();
    fireEvent.change(screen.getByTestId('file-chooser'), { target: { files: [aFile('empty.txt', 'text/plain', '')] } });
    const message = 'The file is empty.';
    act(() => server.uploads[0]!.answer(400, { error: { code: 'VALIDATION_FAILED', message, issues: [{ path: 'file.empty', message }] } }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The file is empty');
    expect(screen.queryByText('Upload failed')).toBeNull();
  });

  it('says when more files were chosen than a message takes, and uploads only those kept', async () => {
    const { chooser } = await renderPanel();
    const six = ['n1', 'n2', 'n3', 'n4', 'n5', 'n6'].map((name) => aFile(`${name}.png`));
    fireEvent.change(chooser, { target: { files: six } });
    expect(server.uploads.map((upload) => upload.body.name)).toEqual(['n1.png', 'n2.png', 'n3.png', 'n4.png', 'n5.png']);
    expect(screen.getByRole('alert')).toHaveTextContent('Up to 5 files can go with one message; the others were not attached.');
    expect(within(screen.getByTestId('picked-files')).getAllByRole('button', { name: /^Remove/ })).toHaveLength(5);
  });

  it('says why when the attach button is pressed with five files already: it does not open the chooser', async () => {
    const { attach, chooser } = await renderPanel();
    fireEvent.change(chooser, { target: { files: ['p1', 'p2', 'p3', 'p4', 'p5'].map((name) => aFile(`${name}.png`)) } });
    expect(screen.queryByRole('alert')).toBeNull();
    const click = jest.spyOn(chooser, 'click');
    expect(attach).toHaveAttribute('aria-disabled', 'true');
    fireEvent.click(attach);
    expect(click).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent(/^Up to 5 files can go with one message\.$/);
    // Taking one back makes room again, and the note goes.
    fireEvent.click(screen.getByRole('button', { name: 'Remove p5.png' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(attach).not.toHaveAttribute('aria-disabled');
  });

  it('does not count refused files toward the five', async () => {
    const { attach, chooser } = await renderPanel();
    fireEvent.change(chooser, { target: { files: ['a', 'b', 'c', 'd', 'e'].map((name) => aFile(`${name}.svg`, 'image/svg+xml')) } });
    const refusal = { error: { code: 'VALIDATION_FAILED', message: 'Only images, PDF…', issues: [{ path: 'file.type' }] } };
    act(() => server.uploads.forEach((upload) => upload.answer(400, refusal)));
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(5));
    expect(attach).toBeEnabled();

    fireEvent.change(chooser, { target: { files: [aFile('photo.png')] } });
    expect(server.uploads.at(-1)!.body.name).toBe('photo.png');
    act(() => server.uploads.at(-1)!.answer(201, { attachment: anAttachment() }));
    await waitFor(() => expect(send()).toBeEnabled());
  });

  it('stops an upload the visitor takes back', async () => {
    await renderPanel();
    fireEvent.change(screen.getByTestId('file-chooser'), { target: { files: [aFile('draft.txt', 'text/plain')] } });
    const list = screen.getByTestId('picked-files');
    fireEvent.click(within(list).getByRole('button', { name: 'Remove draft.txt' }));
    expect(server.uploads[0]!.aborted).toBe(true);
    expect(screen.queryByTestId('picked-files')).toBeNull();
    expect(send()).toBeDisabled();
  });

  it('takes files dropped on the composer or pasted into it', async () => {
    await renderPanel();
    const form = screen.getByRole('textbox').closest('form')!;
    const dropped = aFile('dropped.png');
    const dataTransfer = { types: ['Files'], files: [dropped] };
    const dragOver = new Event('dragover', { cancelable: true });
    Object.assign(dragOver, { dataTransfer });
    form.dispatchEvent(dragOver);
    expect(dragOver.defaultPrevented).toBe(true);
    fireEvent.drop(form, { dataTransfer });
    const pasted = new Event('paste', { cancelable: true });
    Object.assign(pasted, { clipboardData: { files: [aFile('pasted.png')] } });
    screen.getByRole('textbox').dispatchEvent(pasted);
    expect(pasted.defaultPrevented).toBe(true);
    expect(server.uploads.map((upload) => upload.body.name)).toEqual(['dropped.png', 'pasted.png']);
  });
});
