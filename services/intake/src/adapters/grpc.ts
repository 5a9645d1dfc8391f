import { intakeV1 } from '@onewindow/contracts';
import { bindService, callerOf } from '@onewindow/rpc';
import type { AcceptCase } from '../app/accept-case.js';
import type { AddMaterials } from '../app/add-materials.js';
import type { GetCreditRecord, SetCreditFlag } from '../app/credit-records.js';
import type { GetBundleApplication } from '../app/get-bundle-application.js';
import type { GetCase } from '../app/get-case.js';
import type { GetCaseDocument } from '../app/get-case-document.js';
import type { GetCatalogItem } from '../app/get-catalog-item.js';
import type { ListBundles } from '../app/list-bundles.js';
import type { ListCases } from '../app/list-cases.js';
import type { ListCatalogItems } from '../app/list-catalog-items.js';
import type { PreReviewCase } from '../app/pre-review-case.js';
import type { RejectCase } from '../app/reject-case.js';
import type { RequestSupplement } from '../app/request-supplement.js';
import type { SubmitBundleApplication } from '../app/submit-bundle-application.js';
import type { SubmitCase } from '../app/submit-case.js';
import type { RequestPreReview, SubmitDraft } from '../app/submit-draft.js';
import type { UploadFile } from '../app/upload-file.js';
import { bundleDelivery } from '../domain/bundle.js';
import {
  fromDeficiency,
  fromMaterialRef,
  fromParty,
  fromPending,
  fromWindowDecision,
  preReviewResult,
  toBundleApplicationMessage,
  toBundleMessage,
  toCaseMessage,
  toCatalogItem,
  toCreditMessage,
  toFileInfo,
} from './grpc-mapping.js';

export interface IntakeUseCases {
  readonly listCatalogItems: ListCatalogItems;
  readonly getCatalogItem: GetCatalogItem;
  readonly listBundles: ListBundles;
  readonly uploadFile: UploadFile;
  readonly submitCase: SubmitCase;
  readonly getCase: GetCase;
  readonly listCases: ListCases;
  readonly submitDraft: SubmitDraft;
  readonly requestPreReview: RequestPreReview;
  readonly preReviewCase: PreReviewCase;
  readonly acceptCase: AcceptCase;
  readonly rejectCase: RejectCase;
  readonly requestSupplement: RequestSupplement;
  readonly addMaterials: AddMaterials;
  readonly getCaseDocument: GetCaseDocument;
  readonly submitBundleApplication: SubmitBundleApplication;
  readonly getBundleApplication: GetBundleApplication;
  readonly getCreditRecord: GetCreditRecord;
  readonly setCreditFlag: SetCreditFlag;
}

const caseReply = async (c: Promise<Parameters<typeof toCaseMessage>[0]>) => ({ case: toCaseMessage(await c) });

/** Thin handlers: decode, call the use case (which authorizes), encode. The catalog and bundles are public. */
export function intakeGrpc(useCases: IntakeUseCases) {
  return bindService(
    intakeV1.IntakeServiceService,
    {
      listCatalogItems: async (req) => ({ items: (await useCases.listCatalogItems.execute(req)).map(toCatalogItem) }),
      getCatalogItem: async (req) => ({ item: toCatalogItem(await useCases.getCatalogItem.execute(req.code)) }),
      listBundles: async () => ({ bundles: (await useCases.listBundles.execute()).map(toBundleMessage) }),
      uploadFile: async (req, ctx) => ({
        file: toFileInfo(
          await useCases.uploadFile.execute(callerOf(ctx), { content: req.content, declaredType: req.declaredContentType, filename: req.filename }),
        ),
      }),
      submitCase: (req, ctx) =>
        caseReply(
          useCases.submitCase.execute(callerOf(ctx), {
            itemCode: req.itemCode,
            idempotencyKey: req.idempotencyKey,
            materials: req.materials.map(fromMaterialRef),
            commitments: req.commitments,
            hall: req.hall,
            form: req.form,
            draft: req.draft,
            applicant: fromParty(req.applicant),
          }),
        ),
      getCase: (req, ctx) => caseReply(useCases.getCase.execute(callerOf(ctx), req.caseId)),
      listCases: async (req, ctx) => {
        const page = await useCases.listCases.execute(callerOf(ctx), req);
        return { cases: page.cases.map(toCaseMessage), nextPageToken: page.nextPageToken };
      },
      submitDraft: (req, ctx) => caseReply(useCases.submitDraft.execute(callerOf(ctx), req.caseId)),
      requestPreReview: (req, ctx) => caseReply(useCases.requestPreReview.execute(callerOf(ctx), req.caseId)),
      preReviewCase: (req, ctx) =>
        caseReply(
          useCases.preReviewCase.execute(callerOf(ctx), {
            caseId: req.caseId,
            result: preReviewResult(req.result),
            opinion: req.opinion,
            deficiencies: req.deficiencies.map(fromDeficiency),
          }),
        ),
      acceptCase: (req, ctx) =>
        caseReply(
          useCases.acceptCase.execute(callerOf(ctx), {
            caseId: req.caseId,
            opinion: req.opinion,
            pending: fromPending(req.pending),
            decision: fromWindowDecision(req.decision),
          }),
        ),
      rejectCase: (req, ctx) => caseReply(useCases.rejectCase.execute(callerOf(ctx), req)),
      requestSupplement: (req, ctx) =>
        caseReply(
          useCases.requestSupplement.execute(callerOf(ctx), {
            caseId: req.caseId,
            opinion: req.opinion,
            deficiencies: req.deficiencies.map(fromDeficiency),
          }),
        ),
      addMaterials: (req, ctx) =>
        caseReply(
          useCases.addMaterials.execute(callerOf(ctx), {
            caseId: req.caseId,
            materials: req.materials.map(fromMaterialRef),
            commitments: req.commitments,
          }),
        ),
      getCaseDocument: async (req, ctx) => useCases.getCaseDocument.execute(callerOf(ctx), req),
      submitBundleApplication: async (req, ctx) => {
        const { application, cases } = await useCases.submitBundleApplication.execute(callerOf(ctx), {
          bundleCode: req.bundleCode,
          idempotencyKey: req.idempotencyKey,
          hall: req.hall,
          form: req.form,
          materials: req.materials.map((m) => ({ itemCode: m.itemCode.trim(), ...fromMaterialRef(m) })),
          commitments: req.commitments.map((m) => ({ itemCode: m.itemCode.trim(), materialCode: m.materialCode, text: m.text })),
          applicant: fromParty(req.applicant),
        });
        return { application: toBundleApplicationMessage(application, bundleDelivery(application, cases)) };
      },
      getBundleApplication: async (req, ctx) => {
        const { application, delivery } = await useCases.getBundleApplication.execute(callerOf(ctx), req.id);
        return { application: toBundleApplicationMessage(application, delivery) };
      },
      getCreditRecord: async (req, ctx) => ({ record: toCreditMessage(await useCases.getCreditRecord.execute(callerOf(ctx), req.applicantId)) }),
      setCreditFlag: async (req, ctx) => ({ record: toCreditMessage(await useCases.setCreditFlag.execute(callerOf(ctx), req)) }),
    },
    { public: ['listCatalogItems', 'getCatalogItem', 'listBundles'] },
  );
}
