/** Makes the panel's i18next instance available to components, re-rendering them when the language changes. */
import { formatLocale } from '@parley/shared';
import type { i18n as I18n, TFunction } from 'i18next';
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';

export interface Translation {
  t: TFunction;
  lng: string;
  /** The locale for Intl: `lng`, or its nearest where the browser has no data for it (see formatLocale). */
  intl: string;
  dir: 'ltr' | 'rtl';
}

const TranslationContext = createContext<Translation | null>(null);

export function TranslationProvider({ i18n, children }: { i18n: I18n; children: ComponentChildren }) {
  const [lng, setLng] = useState(i18n.language);
  useEffect(() => {
    const onChange = (next: string): void => setLng(next);
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, [i18n]);
  // A fresh value per language, so every consumer re-renders with the new texts.
  const value = useMemo<Translation>(
    () => ({ t: i18n.getFixedT(lng), lng, intl: formatLocale(lng), dir: i18n.dir(lng) === 'rtl' ? 'rtl' : 'ltr' }),
    [i18n, lng],
  );
  return <TranslationContext.Provider value={value}>{children}</TranslationContext.Provider>;
}

export function useTranslation(): Translation {
  const translation = useContext(TranslationContext);
  if (!translation) throw new Error('no TranslationProvider');
  return translation;
}
