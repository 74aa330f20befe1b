/**
 * The panel speaks the visitor's browser language: Chromium's `locale` per context (navigator.languages
 * and Accept-Language) picks English, Russian, Belarusian or Arabic; Arabic lays the panel out right to
 * left. Chromium has no Belarusian formats, so a Belarusian panel writes its times as Russian readers do.
 * Each run chats both ways and leaves a screenshot to look at.
 */
import fs from 'node:fs';
import path from 'node:path';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { screenshot } from '../support/browser';
import { collectPageErrors } from './support/widget-harness';
import { useWidgetScene } from './support/widget-scene';

interface WidgetStrings {
  title: string;
  close: string;
  composer: { label: string; send: string };
}

const stringsOf = (lng: string): WidgetStrings =>
  JSON.parse(
    fs.readFileSync(path.resolve(__dirname, '../../shared/locales', lng, 'widget.json'), 'utf8'),
  ) as WidgetStrings;

const scene = useWidgetScene();

const cases = [
  {
    browserLocale: 'en-US',
    lng: 'en',
    dir: 'ltr',
    question: 'Do you have white tea?',
    answer: 'Yes, three kinds.',
    clock: /^\d{1,2}:\d{2}\s?[AP]M$/,
  },
  {
    browserLocale: 'ru-RU',
    lng: 'ru',
    dir: 'ltr',
    question: 'Есть ли у вас белый чай?',
    answer: 'Да, три сорта.',
    clock: /^\d{1,2}:\d{2}$/, // 24-hour; before 10:00 the hour has one digit (0:48)
  },
  {
    browserLocale: 'be-BY',
    lng: 'be',
    dir: 'ltr',
    question: 'Ці ёсць у вас белая гарбата?',
    answer: 'Так, тры гатункі.',
    clock: /^\d{1,2}:\d{2}$/, // 24-hour; before 10:00 the hour has one digit (0:48)
  },
  {
    browserLocale: 'ar',
    lng: 'ar',
    dir: 'rtl',
    question: 'هل لديكم شاي أبيض؟',
    answer: 'نعم، ثلاثة أنواع.',
    clock: /^\d{1,2}:\d{2}\s?(ص|م)$/,
  },
] as const;

test.each(cases)(
  'a browser in $browserLocale gets the panel in $lng, laid out $dir',
  async ({ browserLocale, lng, dir, question, answer, clock }) => {
    const strings = stringsOf(lng);
    const context = await scene.harness.browser.newContext({
      locale: browserLocale,
      viewport: { width: 1100, height: 760 },
    });
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    const visitor = new VisitorWidgetPage(page, { composer: strings.composer.label, close: strings.close });

    await visitor.goto(scene.site.url('/'));
    await visitor.open();

    // The document and the panel's root both carry the language and its direction.
    const html = visitor.panel.locator('html');
    expect(await html.getAttribute('lang')).toBe(lng);
    expect(await html.getAttribute('dir')).toBe(dir);
    const panelRoot = visitor.panel.locator('#parley-panel > [dir]');
    expect(await panelRoot.getAttribute('dir')).toBe(dir);
    expect(await panelRoot.getAttribute('lang')).toBe(lng);
    expect(await panelRoot.evaluate((el) => getComputedStyle(el).direction)).toBe(dir);
    await visitor.panel.getByText(strings.title, { exact: true }).waitFor({ state: 'visible' });
    await visitor.panel.getByRole('button', { name: strings.composer.send }).waitFor({ state: 'visible' });
    await visitor.closeButton.waitFor({ state: 'visible' });

    await visitor.send(question);
    const asked = await scene.agent.visitorMessage(question).catch(async (e) => {
      await screenshot(page, 'debug-' + lng);
      console.log(JSON.stringify(scene.agent.seen.map((m) => [m.author.kind, m.text, m.conversationId])));
      console.log(await visitor.messageTexts(), await visitor.panel.locator('body').innerText());
      throw e;
    });
    await scene.agent.reply(asked.conversationId, answer);
    await visitor.messages('agent').filter({ hasText: answer }).waitFor({ state: 'visible' });
    expect(await visitor.messageTexts()).toEqual([question, answer]);
    // The time under each message, in the reader's own way of writing it (not "9:05 PM" in Belarusian).
    expect(await visitor.messages('agent').first().locator('time').innerText()).toMatch(clock);

    // Logical properties: the visitor's own messages sit at the inline end (right in LTR, left in RTL).
    const mine = (await visitor.messages('visitor').first().boundingBox())!;
    const theirs = (await visitor.messages('agent').first().boundingBox())!;
    if (dir === 'rtl') expect(mine.x).toBeLessThan(theirs.x);
    else expect(mine.x).toBeGreaterThan(theirs.x);

    await screenshot(page, `widget-language-${lng}`);
    expect(errors).toEqual([]);
    await context.close();
  },
);
