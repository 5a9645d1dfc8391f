// Composition root of the intake service: the only place that reads the environment.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledCalendar } from '@onewindow/calendar';
import { certificateV1 } from '@onewindow/contracts';
import { parseDataEncryptionKey } from '@onewindow/identifiers';
import { ConfigError, envSchemas, isDomainError, systemClock } from '@onewindow/kernel';
import { createRpcClient, prometheusRpcMetrics, startRpcServer } from '@onewindow/rpc';
import { auditRefusals, openRuntime, parseServiceConfig, peerAddress, serve } from '@onewindow/runtime';
import { z } from 'zod';
import { readCatalogFile } from './adapters/catalog-file.js';
import { startDeadlineScheduler } from './adapters/deadline-scheduler.js';
import { offsetClock } from './adapters/dev-clock.js';
import { diskFileStore } from './adapters/disk-file-store.js';
import { vaultProtection } from './adapters/identifier-protection.js';
import { grpcLicenceLibrary } from './adapters/licence-library.js';
import { pdfDocumentRenderer } from './adapters/pdf-renderer.js';
import { composeIntake } from './compose.js';
import { DEFAULT_CASE_NUMBER_FORMAT, parseCaseNumberFormat } from './domain/case-number.js';
import { DEFAULT_MAX_FILE_BYTES } from './domain/file.js';
import { isHallCode } from './domain/hall.js';

const bundledCatalog = fileURLToPath(new URL('../data/catalog-sample.json', import.meta.url));
const MIB = 1024 * 1024;
/** Room for the request's other fields around the file in one gRPC message. */
const MESSAGE_OVERHEAD_BYTES = MIB;

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
  /** Folders with more official schedules (cn-YYYY.json), e.g. next year's once published. */
  CALENDAR_DIRS: envSchemas.list().default([]),
  /** 32 random bytes, base64: seals identity numbers of named applicants. No default. */
  DATA_ENCRYPTION_KEY: z.string().transform((value, ctx) => {
    try {
      return parseDataEncryptionKey(value);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: err instanceof Error ? err.message : String(err) });
      return z.NEVER;
    }
  }),
  /** Where uploads and issued PDFs live: files under the data folder, or MongoDB GridFS; follows STORE unless set. */
  FILE_STORE: z.enum(['disk', 'gridfs']).optional(),
  FILES_DIR: z.string().optional(),
  /** Largest upload; the gRPC message limits are set 1 MiB above it on this server (and in the gateway). */
  MAX_FILE_BYTES: z.coerce.number().int().min(1024).max(64 * MIB).default(DEFAULT_MAX_FILE_BYTES),
  CERTIFICATE_GRPC_ADDR: peerAddress('certificate'),
  /** How often the deadline sweep looks (Art. 32 deemed acceptance, pending materials). */
  DEADLINE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(60_000),
  /** Development and tests only: run intake's clock this many hours ahead. Refused under production. */
  DEV_CLOCK_OFFSET_HOURS: z.coerce.number().min(0).max(24 * 366).default(0),
});
if (config.ONEWINDOW_ENV === 'production' && config.DEV_CLOCK_OFFSET_HOURS !== 0) {
  throw new ConfigError(['DEV_CLOCK_OFFSET_HOURS: must be 0 (unset) when ONEWINDOW_ENV=production']);
}

const rt = await openRuntime(config);
const clock = offsetClock(systemClock, config.DEV_CLOCK_OFFSET_HOURS * 60 * 60 * 1000);
if (config.DEV_CLOCK_OFFSET_HOURS) rt.logger.warn({ hours: config.DEV_CLOCK_OFFSET_HOURS }, 'development clock offset: intake runs ahead of real time');

async function openFileStore() {
  const kind = config.FILE_STORE ?? (config.STORE === 'mongo' ? 'gridfs' : 'disk');
  if (kind === 'gridfs') {
    if (!config.MONGO_URL) throw new ConfigError(['MONGO_URL: required when FILE_STORE=gridfs']);
    // Imported here: the driver adds ~30 MiB to a process that, on disk files, never uses it.
    const [{ MongoClient }, { gridFsFileStore }] = await Promise.all([import('mongodb'), import('./adapters/gridfs-file-store.js')]);
    const client = await MongoClient.connect(config.MONGO_URL);
    rt.lifecycle.onStop('files', () => client.close());
    const db = client.db(config.MONGO_DB);
    return { store: gridFsFileStore(db), check: async () => void (await db.command({ ping: 1 })) };
  }
  const dir = config.FILES_DIR ?? join(config.DATA_DIR, 'files');
  await mkdir(dir, { recursive: true });
  return { store: diskFileStore(dir), check: async () => void (await mkdir(dir, { recursive: true })) };
}

const files = await openFileStore();
const certificate = createRpcClient(certificateV1.CertificateServiceClient, config.CERTIFICATE_GRPC_ADDR, {
  logger: rt.logger.child({ component: 'certificate-client' }),
});
rt.lifecycle.onStop('client:certificate', () => certificate.close());

const intake = composeIntake({
  store: rt.store,
  clock,
  calendar: bundledCalendar(config.CALENDAR_DIRS),
  caseNumberFormat: config.CASE_NUMBER_FORMAT,
  defaultHall: config.DEFAULT_HALL,
  files: files.store,
  renderer: pdfDocumentRenderer(),
  licences: grpcLicenceLibrary(certificate),
  protection: vaultProtection(config.DATA_ENCRYPTION_KEY),
  maxFileBytes: config.MAX_FILE_BYTES,
});

const catalog = await readCatalogFile(config.CATALOG_FILE);
const seeded = await intake.useCases.seedCatalog.execute(catalog.items, catalog.bundles);
rt.logger.info(
  { file: config.CATALOG_FILE, published: seeded.published.map((i) => `${i.code}@${i.version}`), unchanged: seeded.unchanged, bundles: seeded.bundles },
  'catalog seeded',
);

// Uploads travel in one gRPC message, so this server takes messages a little larger than the largest file.
const grpc = await startRpcServer({
  host: config.BIND_HOST,
  port: config.GRPC_PORT,
  logger: rt.logger.child({ component: 'grpc' }),
  verifier: rt.verifier,
  services: [intake.rpc],
  metrics: prometheusRpcMetrics(rt.registry),
  audit: auditRefusals(config.service, rt.audit),
  maxMessageBytes: config.MAX_FILE_BYTES + MESSAGE_OVERHEAD_BYTES,
});
rt.lifecycle.onStop('grpc', () => grpc.close());

const scheduler = startDeadlineScheduler(intake.useCases.sweepDeadlines, {
  intervalMs: config.DEADLINE_SWEEP_INTERVAL_MS,
  logger: rt.logger.child({ component: 'deadlines' }),
});
rt.lifecycle.onStop('deadlines', () => scheduler.stop());

await serve(rt, { consumers: intake.consumers, checks: { files: files.check } });
rt.logger.info({ grpcPort: grpc.port, maxFileBytes: config.MAX_FILE_BYTES }, 'intake gRPC listening');
