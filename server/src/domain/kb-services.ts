/** Builds the knowledge base's services over one store: editing, visitor self-service, the public help centre. */
import type { Store } from '../store/store';
import { createHelpCentreService } from './help-centre.service';
import { createKbLinks } from './kb-links';
import { createArticleHtmlCache } from './kb-markdown';
import { createKbSelfService } from './kb-self-service';
import { createKnowledgeBaseService } from './knowledge-base.service';

export function createKnowledgeBaseServices({ store, publicUrl, now }: { store: Store; publicUrl: string; now?: () => Date }) {
  const links = createKbLinks({ publicUrl });
  const renderHtml = createArticleHtmlCache();
  const selfService = createKbSelfService({ store, links, renderHtml, now });
  return {
    links,
    editor: createKnowledgeBaseService({ store, links, renderHtml, now }),
    selfService,
    helpCentre: createHelpCentreService({ store, links, selfService }),
  };
}

export type KnowledgeBaseServices = ReturnType<typeof createKnowledgeBaseServices>;
