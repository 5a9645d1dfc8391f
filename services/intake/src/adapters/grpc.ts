import { intakeV1 } from '@onewindow/contracts';
import { unauthenticated } from '@onewindow/kernel';
import { bindService, type CallContext } from '@onewindow/rpc';
import type { AcceptCase } from '../app/accept-case.js';
import type { GetCase } from '../app/get-case.js';
import type { GetCatalogItem } from '../app/get-catalog-item.js';
import type { ListCases } from '../app/list-cases.js';
import type { ListCatalogItems } from '../app/list-catalog-items.js';
import type { SubmitCase } from '../app/submit-case.js';
import { fromMaterialRef, toCaseMessage, toCatalogItem } from './grpc-mapping.js';

export interface IntakeUseCases {
  readonly listCatalogItems: ListCatalogItems;
  readonly getCatalogItem: GetCatalogItem;
  readonly submitCase: SubmitCase;
  readonly getCase: GetCase;
  readonly listCases: ListCases;
  readonly acceptCase: AcceptCase;
}

const caller = (ctx: CallContext) => {
  if (!ctx.principal) throw unauthenticated('TOKEN_MISSING', 'a bearer token is required');
  return ctx.principal;
};

/** Thin handlers: decode, call the use case (which authorizes), encode. The catalog is public. */
export function intakeGrpc(useCases: IntakeUseCases) {
  return bindService(
    intakeV1.IntakeServiceService,
    {
      listCatalogItems: async (req) => ({ items: (await useCases.listCatalogItems.execute(req)).map(toCatalogItem) }),
      getCatalogItem: async (req) => ({ item: toCatalogItem(await useCases.getCatalogItem.execute(req.code)) }),
      submitCase: async (req, ctx) => {
        const submitted = await useCases.submitCase.execute(caller(ctx), {
          itemCode: req.itemCode,
          idempotencyKey: req.idempotencyKey,
          materials: req.materials.map(fromMaterialRef),
          hall: req.hall,
          form: req.form,
        });
        return { case: toCaseMessage(submitted) };
      },
      getCase: async (req, ctx) => ({ case: toCaseMessage(await useCases.getCase.execute(caller(ctx), req.caseId)) }),
      listCases: async (req, ctx) => {
        const page = await useCases.listCases.execute(caller(ctx), req);
        return { cases: page.cases.map(toCaseMessage), nextPageToken: page.nextPageToken };
      },
      acceptCase: async (req, ctx) => ({
        case: toCaseMessage(await useCases.acceptCase.execute(caller(ctx), { caseId: req.caseId, opinion: req.opinion })),
      }),
    },
    { public: ['listCatalogItems', 'getCatalogItem'] },
  );
}
