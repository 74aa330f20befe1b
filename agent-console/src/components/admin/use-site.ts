/** The site's settings and snippet, loaded when administration opens, and saving a settings patch. */
import type { Site, SitePatch, SiteSettingsPatch } from '@parley/shared';
import { useEffect, useState } from 'preact/hooks';
import { useLive } from '../../state/console-context';

export interface SiteState {
  site: Site | null;
  snippet: string | null;
  /** Admins only. */
  identitySecret: string | null;
  state: 'loading' | 'ready' | 'failed';
  save(patch: SiteSettingsPatch): Promise<void>;
  /** The site's own fields (its name). */
  saveSite(patch: SitePatch): Promise<void>;
  reload(): void;
}

export function useSite(): SiteState {
  const live = useLive();
  const [site, setSite] = useState<Site | null>(null);
  const [snippet, setSnippet] = useState<string | null>(null);
  const [identitySecret, setIdentitySecret] = useState<string | null>(null);
  const [state, setState] = useState<SiteState['state']>('loading');
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState('loading');
    live.admin.getSite().then(
      (answer) => {
        if (!current) return;
        setSite(answer.site);
        setSnippet(answer.snippet);
        setIdentitySecret(answer.identitySecret ?? null);
        setState('ready');
      },
      () => current && setState('failed'),
    );
    return () => {
      current = false;
    };
  }, [live, attempt]);

  return {
    site,
    snippet,
    identitySecret,
    state,
    async save(patch) {
      setSite(await live.admin.updateSiteSettings(patch));
    },
    async saveSite(patch) {
      setSite(await live.admin.updateSite(patch));
    },
    reload: () => setAttempt((n) => n + 1),
  };
}
