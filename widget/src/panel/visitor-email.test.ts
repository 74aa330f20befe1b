import { createChatStore } from './chat-store';
import { openSafeStorage } from './safe-storage';
import { rememberVisitorEmail } from './visitor-email';

/** A panel as start-panel builds it, over this browser's storage. */
function aPanelStore(storage: ReturnType<typeof openSafeStorage>, siteKey = 'site_demo') {
  const store = createChatStore();
  rememberVisitorEmail(store, storage, siteKey);
  return store;
}

describe('rememberVisitorEmail', () => {
  it('knows the e-mail the visitor gave before a reload, so the transcript form is filled in', () => {
    const storage = openSafeStorage(() => null);
    const before = aPanelStore(storage);
    expect(before.getState().email).toBeNull();
    before.update({ email: 'ada@example.test' });

    expect(aPanelStore(storage).getState().email).toBe('ada@example.test');
    expect(aPanelStore(storage, 'site_other').getState().email).toBeNull();
  });
});
