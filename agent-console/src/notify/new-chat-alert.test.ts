import { conversation } from '../test-support/fixtures';
import { createNewChatAlert } from './new-chat-alert';

type NotificationCall = { title: string; options?: NotificationOptions };

function installNotification(permission: NotificationPermission) {
  const calls: NotificationCall[] = [];
  class FakeNotification {
    static permission = permission;
    onclick: (() => void) | null = null;
    constructor(title: string, options?: NotificationOptions) {
      calls.push({ title, options });
    }
    close() {}
  }
  Object.defineProperty(globalThis, 'Notification', {
    value: FakeNotification,
    configurable: true,
    writable: true,
  });
  return calls;
}

const t = (key: string, options?: Record<string, unknown>) =>
  `${key}${options ? JSON.stringify(options) : ''}`;

describe('new chat alert', () => {
  it('chimes and shows a desktop notification naming the visitor when allowed', () => {
    const calls = installNotification('granted');
    const chime = { play: jest.fn() };
    const alert = createNewChatAlert({ t, chime, wantsAlerts: () => true, open: jest.fn() });

    alert(conversation({ visitorName: 'Maria' }));

    expect(chime.play).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.title).toBe('notify.newChatTitle');
    expect(calls[0]?.options?.body).toContain('Maria');
  });

  it('only chimes when notifications were not allowed', () => {
    const calls = installNotification('default');
    const chime = { play: jest.fn() };
    createNewChatAlert({ t, chime, wantsAlerts: () => true, open: jest.fn() })(conversation());
    expect(chime.play).toHaveBeenCalledTimes(1);
    expect(calls).toHaveLength(0);
  });

  it('stays silent while the agent is offline', () => {
    const calls = installNotification('granted');
    const chime = { play: jest.fn() };
    createNewChatAlert({ t, chime, wantsAlerts: () => false, open: jest.fn() })(conversation());
    expect(chime.play).not.toHaveBeenCalled();
    expect(calls).toHaveLength(0);
  });
});
