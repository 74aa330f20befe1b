/** `t` for the knowledge-base and analytics screens: keys of the console-insight namespace. */
import type { TOptions } from 'i18next';
import { useT } from '../state/console-context';
import { INSIGHT_NAMESPACE } from './insight-locales';

export type InsightT = (key: string, options?: TOptions) => string;

export function useInsightT(): InsightT {
  const t = useT();
  return (key, options) => t(key, { ...options, ns: INSIGHT_NAMESPACE });
}
