import { DomainError } from '@onewindow/kernel';
import { attachDocumentFile } from '../domain/acceptance.js';
import type { Transition } from '../domain/case.js';
import { documentContent } from '../domain/documents.js';
import type { ServiceItem } from '../domain/service-item.js';
import type { DocumentRenderer, FileStore } from './ports.js';

export interface DocumentDeps {
  readonly renderer: DocumentRenderer;
  readonly files: FileStore;
}

/**
 * Renders the document a transition issued and stores its PDF by content
 * hash before the case is written, so a case never names a document whose
 * bytes are not stored. A PDF stored for a write that then loses a race is
 * an unreferenced blob, harmless and deduplicated by its hash.
 */
export async function withRenderedDocument(deps: DocumentDeps, transition: Transition, item: ServiceItem, documentId: string): Promise<Transition> {
  const document = transition.case.documents.find((d) => d.id === documentId);
  if (!document) throw new DomainError('internal', 'DOCUMENT_NOT_ISSUED', `the transition issued no document ${documentId}`);
  const pdf = await deps.renderer.render(documentContent(transition.case, item, document));
  const stored = await deps.files.put(pdf);
  return { case: attachDocumentFile(transition.case, documentId, stored), events: transition.events };
}
