import type { Principal } from '@onewindow/auth';
import { DomainError, invalid, notFound } from '@onewindow/kernel';
import { DOCUMENT_TITLES } from '../domain/documents.js';
import { authorizeCase, requireCaseId } from './case-access.js';
import type { CaseRepository, FileStore } from './ports.js';

export interface CaseDocumentFile {
  readonly content: Buffer;
  readonly contentType: 'application/pdf';
  readonly filename: string;
  readonly title: string;
}

/** A case's receipt or notice as its stored PDF, for whoever may read the case. */
export class GetCaseDocument {
  constructor(
    private readonly cases: CaseRepository,
    private readonly files: FileStore,
  ) {}

  async execute(principal: Principal, request: { readonly caseId: string; readonly documentId: string }): Promise<CaseDocumentFile> {
    const caseId = requireCaseId(request.caseId);
    if (!request.documentId.trim()) throw invalid('DOCUMENT_ID_REQUIRED', 'a document id is required', [{ field: 'documentId', message: 'required' }]);
    const stored = await this.cases.get(caseId);
    if (!stored) throw notFound('CASE_NOT_FOUND', `no case ${caseId}`);
    const c = stored.case;
    authorizeCase(principal, 'case.read', c);
    const document = c.documents.find((d) => d.id === request.documentId.trim());
    if (!document?.sha256) throw notFound('DOCUMENT_NOT_FOUND', `case ${c.caseNumber} has no document ${request.documentId}`);
    const content = await this.files.get(document.sha256);
    if (!content) throw new DomainError('internal', 'DOCUMENT_CONTENT_MISSING', `the PDF of document ${document.id} is not in the file store`);
    const title = DOCUMENT_TITLES[document.kind];
    return { content, contentType: 'application/pdf', filename: `${c.caseNumber}-${document.kind.toLowerCase()}.pdf`, title };
  }
}
