import { EMAIL_TEMPLATES } from '../domain/mailer.port';
import { EMAIL_LOCALES } from './email-i18n';
import { EmailRenderError, createEmailRenderer } from './email-renderer';

const renderer = createEmailRenderer();
const ticket = {
  siteName: 'Acme', requesterName: 'Анна', ticketNumber: 1001, subject: 'Принтер не печатает',
  link: 'https://help.acme.test/t/abc', agentName: 'Олег', replyText: 'Проверьте кабель.', transcript: 'Анна: привет',
};

describe('createEmailRenderer', () => {
  it('writes "received" in Russian, in the subject and both bodies', () => {
    const email = renderer.render({ template: 'ticket_received', locale: 'ru-RU', data: ticket });
    expect(email.subject).toBe('Обращение № 1001: Принтер не печатает');
    expect(email.text).toContain('Здравствуйте, Анна!');
    expect(email.text).toContain('Мы получили ваше обращение и ответим вам по электронной почте. Обращение № 1001: Принтер не печатает\n');
    expect(email.text).toContain('Следить за ним можно здесь: https://help.acme.test/t/abc');
    expect(email.html).toContain('<html lang="ru" dir="ltr">');
    expect(email.html).toContain('<a href="https://help.acme.test/t/abc"');
  });

  it('ends the "received" lead with the request as the customer wrote it: no full stop after their own punctuation', () => {
    for (const subject of ['Please refund one.', 'Есть ли у вас пуэр?', 'Help!']) {
      for (const locale of ['en', 'ru', 'es', 'be', 'de', 'fr', 'zh']) {
        const email = renderer.render({ template: 'ticket_received', locale, data: { ...ticket, subject } });
        const lead = email.text.split('\n').find((line) => line.includes(subject));
        expect(lead?.endsWith(subject)).toBe(true);
      }
    }
  });

  it('escapes every value in the HTML body, so a name cannot inject markup', () => {
    const email = renderer.render({
      template: 'ticket_reply', locale: 'en',
      data: { ...ticket, requesterName: '<script>alert("x")</script>', subject: 'Tom & Jerry <b>', replyText: '<img src=x onerror=alert(1)>\nsecond line' },
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<img');
    expect(email.html).not.toContain('<b>');
    expect(email.html).toContain('Hello <bdi>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</bdi>,');
    expect(email.html).toContain('Tom &amp; Jerry &lt;b&gt;');
    expect(email.html).toContain('<div dir="auto">&lt;img src=x onerror=alert(1)&gt;</div><div dir="auto">second line</div>');
    // Plain text stays plain: nothing to escape there.
    expect(email.text).toContain('Hello <script>alert("x")</script>,');
  });

  it("names a reply's files after the quoted reply, escaped, and says nothing of files when there are none", () => {
    const withFiles = renderer.render({ template: 'ticket_reply', locale: 'ru', data: { ...ticket, files: 'счёт.pdf, <b>.png' } });
    const lines = withFiles.text.split('\n');
    expect(lines.indexOf('Файлы к этому ответу: счёт.pdf, <b>.png. Скачать их можно на странице вашего обращения.'))
      .toBe(lines.indexOf('Проверьте кабель.') + 2);
    expect(withFiles.html).toContain('счёт.pdf, &lt;b&gt;.png');
    expect(withFiles.html).not.toContain('<b>');
    const english = renderer.render({ template: 'ticket_pending', locale: 'en', data: { ...ticket, files: 'invoice.pdf' } });
    expect(english.text).toContain("Files with this reply: invoice.pdf. Download them from your request's page.");
    expect(renderer.render({ template: 'ticket_reply', locale: 'ru', data: ticket }).text).not.toContain('Файлы');
  });

  it('makes only web links clickable', () => {
    const email = renderer.render({ template: 'ticket_solved', locale: 'en', data: { ...ticket, link: 'javascript:alert(1)' } });
    expect(email.html).not.toContain('href=');
    expect(email.html).toContain('Tell us how we did: javascript:alert(1)');
  });

  it('never reads a value as template syntax', () => {
    const email = renderer.render({ template: 'ticket_received', locale: 'en', data: { ...ticket, subject: '{{link}} $t(common.footer)' } });
    expect(email.subject).toBe('Request #1001: {{link}} $t(common.footer)');
  });

  it('keeps the subject on one line whatever the requester typed', () => {
    const email = renderer.render({ template: 'ticket_received', locale: 'en', data: { ...ticket, subject: 'Help\r\nBcc: victim@example.com' } });
    expect(email.subject).toBe('Request #1001: Help Bcc: victim@example.com');
  });

  it('greets without a name when there is none, and leaves out the link line when there is no link', () => {
    const { requesterName: _name, link: _link, ...rest } = ticket;
    const email = renderer.render({ template: 'chat_transcript', locale: 'de', data: rest });
    expect(email.text).toMatch(/^Hallo,\n\nHier ist eine Kopie Ihres Chats mit Acme\.\n\nАнна: привет\n\n/);
    expect(email.text).not.toContain('öffnen');
  });

  it('writes Arabic right to left', () => {
    const email = renderer.render({ template: 'ticket_pending', locale: 'ar', data: ticket });
    expect(email.html).toContain('<html lang="ar" dir="rtl">');
    expect(email.html).toContain('text-align:right');
    expect(email.text).toContain('نحتاج إلى ردك');
  });

  it('lets a Latin reply and an agent\'s Latin name in an Arabic e-mail keep their own direction: the full stop stays at the end', () => {
    const reply = 'Your order 12345 ships on Monday. Tracking: ABC-123.';
    const email = renderer.render({ template: 'ticket_reply', locale: 'ar', data: { ...ticket, agentName: 'Admin', replyText: reply } });
    // The quote's rule stays on the e-mail's starting side (right); its words take their own direction.
    expect(email.html).toMatch(new RegExp(`<div dir="auto" style="[^"]*border-right:3px[^"]*">${reply}</div>`));
    expect(email.html).toContain('<bdi>Admin</bdi>');
    expect(email.html).toContain('<bdi>Принтер не печатает</bdi>');

    // A transcript holds lines in both scripts: each line takes its own.
    const transcript = renderer.render({ template: 'chat_transcript', locale: 'ar', data: { ...ticket, transcript: 'Admin: Hello.\nأحمد: مرحبا' } });
    expect(transcript.html).toContain('<div dir="auto">Admin: Hello.</div><div dir="auto">أحمد: مرحبا</div>');
  });

  it('falls back to English for a language it does not know', () => {
    const email = renderer.render({ template: 'ticket_solved', locale: 'ja', data: ticket });
    expect(email.subject).toBe('Request #1001: Принтер не печатает');
    expect(email.text).toContain('Your request #1001 is solved: Принтер не печатает');
  });

  it('refuses an unknown template, and a template missing a value it shows', () => {
    expect(() => renderer.render({ template: 'newsletter', locale: 'en', data: ticket })).toThrow(EmailRenderError);
    const { agentName: _agent, ...noAgent } = ticket;
    expect(() => renderer.render({ template: 'ticket_reply', locale: 'fr', data: noAgent })).toThrow(/agentName/);
  });

  it('tells an agent about a reset link in their language, with a footer of its own', () => {
    const data = { requesterName: 'Анна', siteName: 'Acme', email: 'anna@acme.test', link: 'https://chat.acme.test/console/#/reset-password/abc' };
    const email = renderer.render({ template: 'agent_password_reset', locale: 'ru', data });
    expect(email.subject).toBe('Сброс пароля в Acme');
    expect(email.text).toContain('откройте эту ссылку в течение часа (она сработает один раз): https://chat.acme.test/console/#/reset-password/abc');
    expect(email.text).toContain('для anna@acme.test был запрошен сброс пароля');
    expect(email.text).not.toContain('обращались');
  });

  it('gives every e-mail about one ticket the same subject in each language, so Gmail and Outlook thread them too', () => {
    for (const locale of EMAIL_LOCALES) {
      const subjects = new Set(EMAIL_TEMPLATES.filter((template) => template.startsWith('ticket_'))
        .map((template) => renderer.render({ template, locale, data: ticket }).subject));
      // The transcript of the chat the ticket came from too; a transcript of a chat with no ticket keeps its own.
      subjects.add(renderer.render({ template: 'chat_transcript', locale, data: ticket }).subject);
      expect(subjects.size).toBe(1);
      expect([...subjects][0]).toMatch(/1001.*Принтер не печатает$/);
    }
    const { ticketNumber: _number, ...noTicket } = ticket;
    expect(renderer.render({ template: 'chat_transcript', locale: 'es', data: noTicket }).subject).toBe('Transcripción de tu chat con Acme');
    expect(renderer.render({ template: 'ticket_reply', locale: 'es', data: ticket }).text)
      .toContain('Олег ha respondido a tu solicitud n.º 1001: Принтер не печатает');
  });

  it('tells the requester, in their language, to answer a ticket e-mail on its page, since nobody reads replies to it', () => {
    const english = renderer.render({ template: 'ticket_reply', locale: 'en', data: ticket });
    expect(english.text).toContain("Replies to this e-mail are not read. To answer, use your request's page: https://help.acme.test/t/abc\n");
    expect(english.html).toContain('Replies to this e-mail are not read.');
    expect(renderer.render({ template: 'ticket_pending', locale: 'ru', data: ticket }).text)
      .toContain('Ответы на это письмо не читаются. Чтобы ответить, откройте страницу обращения: https://help.acme.test/t/abc');
    const ticketTemplates = EMAIL_TEMPLATES.filter((template) => template.startsWith('ticket_'));
    for (const locale of EMAIL_LOCALES) {
      const lines = ticketTemplates.map((template) => renderer.render({ template, locale, data: ticket }).text.split('\n'));
      // The same line, with the link, in every ticket e-mail; the line is not the "follow it here" one.
      const hint = lines[0]?.filter((line) => line.endsWith(ticket.link)).at(-1);
      expect(lines.every((text) => text.filter((line) => line.endsWith(ticket.link)).length === 2 && text.includes(hint ?? ''))).toBe(true);
    }
    // Not in an e-mail the requester cannot answer (a transcript), nor to an agent.
    expect(renderer.render({ template: 'chat_transcript', locale: 'en', data: ticket }).text).not.toContain('not read');
    expect(renderer.render({ template: 'agent_password_reset', locale: 'en', data: { ...ticket, email: 'a@b.test' } }).text).not.toContain('not read');
  });

  it('says to answer by replying when replies go somewhere (MAIL_REPLY_TO, or replies by e-mail), and nothing about unread ones', () => {
    const answered = createEmailRenderer({ repliesRead: true });
    const byEmail = new Set<string>();
    for (const locale of EMAIL_LOCALES) {
      const text = answered.render({ template: 'ticket_reply', locale, data: ticket }).text;
      expect(text.split('\n').filter((line) => line.endsWith(ticket.link))).toHaveLength(1);
      byEmail.add(text.split('\n').find((line) => line !== '' && text.indexOf(line) > text.indexOf(ticket.link)) ?? '');
    }
    expect(answered.render({ template: 'ticket_solved', locale: 'en', data: ticket }).text).toContain('You can also answer by replying to this e-mail.');
    expect(answered.render({ template: 'chat_transcript', locale: 'en', data: ticket }).text).not.toContain('replying to this e-mail');
    // Its own words in each language.
    expect(byEmail.size).toBe(EMAIL_LOCALES.length);
  });

  it('renders every template in every language with no placeholder left over', () => {
    for (const template of EMAIL_TEMPLATES) {
      for (const locale of EMAIL_LOCALES) {
        const email = renderer.render({ template, locale, data: { ...ticket, statusLabel: 'x', email: 'anna@example.test' } });
        expect(`${email.subject}${email.text}${email.html}`).not.toMatch(/\{\{|\uE000/);
      }
    }
  });

  it('names a raw ticket status in the recipient\'s language, and treats empty values as absent', () => {
    // The shape the ticket notifier sends: every key, blank where the template has no use for it.
    const data = { ...ticket, status: 'pending', requesterName: '', agentName: '', replyText: '' };
    const email = renderer.render({ template: 'ticket_pending', locale: 'fr', data });
    expect(email.text).toMatch(/^Bonjour,\n\nPour continuer à traiter votre demande n°\u00a01001 \(Принтер не печатает\)/);
    expect(email.text).toContain('Statut\u00a0: En attente de votre réponse');
    expect(email.html).not.toContain('border-left');
  });

  it('names ticket statuses the way customers see them', () => {
    expect(renderer.statusLabel({ status: 'pending', locale: 'en' })).toBe('Awaiting your reply');
    expect(renderer.statusLabel({ status: 'solved', locale: 'uk-UA' })).toBe('Вирішено');
  });
});
