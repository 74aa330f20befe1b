/**
 * The world most widget tests share, for a whole test file: Parley and Chromium, a customer's site
 * carrying the snippet at `/` (plus any pages of the test's own), and a signed-in agent.
 */
import { AgentDesk } from './agent-desk';
import { hostPageHtml, startHostSite, type HostFile, type HostSite } from './host-site';
import { startWidgetHarness, type WidgetHarness } from './widget-harness';

export interface WidgetScene {
  harness: WidgetHarness;
  site: HostSite;
  agent: AgentDesk;
}

/** Starts the scene before the file's tests and stops it after them; its fields are set once they run. */
export function useWidgetScene(
  morePages: (harness: WidgetHarness) => Record<string, HostFile> = () => ({}),
): WidgetScene {
  const scene = {} as WidgetScene;
  beforeAll(async () => {
    const harness = (scene.harness = await startWidgetHarness());
    scene.site = await startHostSite({
      '/': { body: hostPageHtml({ parleyUrl: harness.parley.url, siteKey: harness.siteKey }) },
      ...morePages(harness),
    });
    scene.agent = await AgentDesk.signIn(harness.parley.url, harness.parley.admin);
  });
  afterAll(async () => {
    scene.agent?.close();
    await scene.site?.stop();
    await scene.harness?.stop();
  });
  return scene;
}
