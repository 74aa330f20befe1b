/** The knowledge base (work in progress). */
import type { KbView } from '../state/insight-routes';

export function KnowledgeBaseRoute(_props: { view: KbView }) {
  return <main data-testid="kb-page" />;
}
