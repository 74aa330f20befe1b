import Database from 'better-sqlite3';
import type { EmailRequest } from '../domain/mailer.port';
import { migrate } from '../store/sqlite/migrations';
import { sqliteEmailOutbox } from '../store/sqlite/sqlite-email-outbox';
import { InvalidEmailRequestError, createDurableMailer } from './durable-mailer';
import { EmailRenderError, createEmailRenderer } from './email-renderer';

const request: EmailRequest = {
  siteId: 'site-1', to: ' Anna@Example.COM ', locale: 'uk', template: 'ticket_solved',
  data: { siteName: 'Acme', ticketNumber: 7, subject: 'Рахунок', link: 'https://help.acme.test/t/7' },
};

describe('createDurableMailer', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
    migrate(db);
  });
  afterEach(() => db.close());

  const mailerAt = (iso: string) => {
    const outbox = sqliteEmailOutbox(db);
    const mailer = createDurableMailer({ store: outbox, render: createEmailRenderer().render, now: () => new Date(iso) });
    return { outbox, mailer };
  };

  it('queues the e-mail in the outbox, due at once, and sends nothing itself', async () => {
    const { outbox, mailer } = mailerAt('2030-05-01T08:00:00.000Z');
    await mailer.enqueue(request);
    expect(await outbox.listOutbox()).toEqual([
      expect.objectContaining({
        siteId: 'site-1', to: 'anna@example.com', locale: 'uk', template: 'ticket_solved', data: request.data,
        status: 'pending', attempts: 0, createdAt: '2030-05-01T08:00:00.000Z', nextAttemptAt: '2030-05-01T08:00:00.000Z',
      }),
    ]);
  });

  it('refuses, at the caller, a request that could never be sent', async () => {
    const { outbox, mailer } = mailerAt('2030-05-01T08:00:00.000Z');
    await expect(mailer.enqueue({ ...request, to: 'not an address' })).rejects.toThrow(InvalidEmailRequestError);
    await expect(mailer.enqueue({ ...request, template: 'newsletter' as EmailRequest['template'] })).rejects.toThrow(
      InvalidEmailRequestError,
    );
    const { ticketNumber: _number, ...withoutNumber } = request.data;
    await expect(mailer.enqueue({ ...request, data: withoutNumber })).rejects.toThrow(EmailRenderError);
    expect(await outbox.listOutbox()).toEqual([]);
  });
});
