/**
 * Files between the agent console and the widget, both in Chromium: the visitor's photo shows as a
 * thumbnail in the console, and a file the agent attaches in the console (an image, with a
 * refused SVG taken back first) reaches the visitor's panel.
 */
import { AgentConsolePage } from '../pages/agent-console.page';
import { VisitorWidgetPage } from '../pages/visitor-widget.page';
import { screenshot } from '../support/browser';
import { useParleyAndBrowser } from '../support/parley-and-browser';
import { solidPng } from '../support/test-files';

const running = useParleyAndBrowser();

test("the console shows the visitor's photo, and the agent's attached image reaches the widget", async () => {
  const visitorContext = await running.browser.newContext({ viewport: { width: 1100, height: 800 } });
  const agentContext = await running.browser.newContext({ viewport: { width: 1400, height: 900 } });
  try {
    const visitor = new VisitorWidgetPage(await visitorContext.newPage());
    const agent = new AgentConsolePage(await agentContext.newPage());
    await agent.signIn(running.parley.url, running.parley.admin);
    await visitor.goto(`${running.parley.url}/demo`);
    await visitor.open();
    await visitor.send('Hello! My teapot arrived cracked.');

    await visitor.panel.getByTestId('file-chooser').setInputFiles({
      name: 'crack.png',
      mimeType: 'image/png',
      buffer: solidPng(200, 120, [21, 101, 192]),
    });
    await visitor.panel.locator('[data-testid="picked-files"] li[data-state="ready"]').waitFor();
    await visitor.send('Here is a photo');

    await agent.conversation('Visitor').first().click();
    const theirs = agent.messages('visitor').filter({ hasText: 'Here is a photo' });
    const photo = theirs.getByRole('img', { name: 'crack.png' });
    await photo.waitFor({ timeout: 15_000 });
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(200);

    const chooser = agent.openChat.getByLabel('Attach files');
    await chooser.setInputFiles({ name: 'sketch.svg', mimeType: 'image/svg+xml', buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
    const files = agent.openChat.getByTestId('composer-files');
    await files.getByRole('alert').filter({ hasText: "This kind of file can't be sent" }).waitFor();
    await files.getByRole('button', { name: 'Remove sketch.svg' }).click();
    await chooser.setInputFiles({ name: 'replacement.png', mimeType: 'image/png', buffer: solidPng(90, 90, [255, 143, 0]) });
    await files.locator('li[data-state="ready"]').waitFor();
    await agent.reply('Sorry about that! This one is on its way.');
    await agent.messages('agent').filter({ hasText: 'on its way' }).getByRole('img', { name: 'replacement.png' }).waitFor();
    await screenshot(agent.page, 'console-attachments-01-console');

    const reply = visitor.messages('agent').filter({ hasText: 'on its way' });
    const sent = reply.getByRole('img', { name: 'replacement.png' });
    await sent.waitFor({ timeout: 15_000 });
    expect(await sent.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(90);
    await screenshot(visitor.page, 'console-attachments-02-widget');
  } finally {
    await visitorContext.close();
    await agentContext.close();
  }
});
