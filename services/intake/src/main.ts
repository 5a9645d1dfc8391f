// Composition root of the intake service: the only place that reads the environment.
import { fileURLToPath } from 'node:url';
import { isDomainError, systemClock } from '@onewindow/kernel';
import { openRuntime, parseServiceConfig, serve } from '@onewindow/runtime';
import { z } from 'zod';
import { readCatalogFile } from './adapters/catalog-file.js';
import { composeIntake } from './compose.js';
import { DEFAULT_CASE_NUMBER_FORMAT, parseCaseNumberFormat } from './domain/case-number.js';
import { isHallCode } from './domain/hall.js';

const bundledCatalog = fileURLToPath(new URL('../data/catalog-sample.json', import.meta.url));

const config = parseServiceConfig('intake', process.env, {
  /** Human-facing case numbers, e.g. OW-{yyyyMMdd}-{seq6} (see domain/case-number.ts). */
  CASE_NUMBER_FORMAT: z
    .string()
    .default(DEFAULT_CASE_NUMBER_FORMAT)
    .transform((pattern, ctx) => {
      try {
        return parseCaseNumberFormat(pattern);
      } catch (err) {
        const problems = isDomainError(err) ? err.details.map((d) => d.message).join('; ') : String(err);
        ctx.addIssue({ code: 'custom', message: problems });
        return z.NEVER;
      }
    }),
  /** The hall a case is filed at when the request names none. */
  DEFAULT_HALL: z.string().default('hall-510100-01').refine(isHallCode, 'must look like hall-510100-01'),
  /** The catalog seeded at startup; the bundled sample unless set. */
  CATALOG_FILE: z.string().default(bundledCatalog),
});

const rt = await openRuntime(config);
const intake = composeIntake({
  store: rt.store,
  clock: systemClock,
  caseNumberFormat: config.CASE_NUMBER_FORMAT,
  defaultHall: config.DEFAULT_HALL,
});

const seeded = await intake.useCases.seedCatalog.execute(await readCatalogFile(config.CATALOG_FILE));
rt.logger.info(
  { file: config.CATALOG_FILE, published: seeded.published.map((i) => `${i.code}@${i.version}`), unchanged: seeded.unchanged },
  'catalog seeded',
);

await serve(rt, { rpc: [intake.rpc], consumers: intake.consumers });
