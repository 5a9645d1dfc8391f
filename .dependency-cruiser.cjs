/**
 * The layers of every service, held by the build (`npm run lint`), not by goodwill.
 *
 * - domain: pure. It may not reach, directly or through any package it imports,
 *   a module that does I/O (files, sockets, databases, brokers, HTTP servers).
 * - app: use cases. They talk to the world through src/app/ports.ts only, so
 *   they never import an adapter, the composition root or a concrete store or bus.
 * - no import cycles anywhere.
 *
 * Packages resolve to their TypeScript sources (the "source" export condition),
 * so a rule sees through a workspace package's index to what it really loads.
 */

/** Modules whose loading means I/O: node's I/O built-ins and the drivers and servers we depend on. */
const IO_MODULES = [
  '^(node:)?(fs|fs/promises|http|https|http2|net|tls|dgram|dns|child_process|cluster|worker_threads|sqlite|readline|repl|inspector)$',
  '(^|/)node_modules/(express|pino|pino-[^/]+|mongodb|mongoose|@platformatic/kafka|@grpc/[^/]+|prom-client|jose|pdf-lib|@pdf-lib/[^/]+)/',
  '(^|/)node_modules/@opentelemetry/(sdk-[^/]+|resources|core)/',
];

const SERVICE = '^services/([^/]+)/src/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle ties modules so neither can change, load or be tested alone.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-does-no-io',
      severity: 'error',
      comment:
        'src/domain is pure: no I/O, directly or through a package index. Import the pure subpath ' +
        '(@onewindow/kernel/errors, /clock, /ids, @onewindow/store/port, @onewindow/calendar/china-time, ...).',
      from: { path: `${SERVICE}domain/`, pathNot: '\\.test\\.ts$' },
      to: { reachable: true, path: IO_MODULES },
    },
    {
      name: 'domain-imports-only-domain',
      severity: 'error',
      comment: 'src/domain knows nothing of the use cases, adapters, composition or test helpers around it.',
      from: { path: `${SERVICE}domain/`, pathNot: '\\.test\\.ts$' },
      to: { path: `${SERVICE}(app|adapters|testing)/|${SERVICE}(compose|main|config)\\.ts$` },
    },
    {
      name: 'app-uses-ports-not-adapters',
      severity: 'error',
      comment: 'A use case reaches the world through src/app/ports.ts; adapters are chosen in src/compose.ts.',
      from: { path: `${SERVICE}app/`, pathNot: '\\.test\\.ts$' },
      to: { path: `${SERVICE}adapters/|${SERVICE}(compose|main)\\.ts$` },
    },
    {
      name: 'app-uses-no-concrete-store-or-bus',
      severity: 'error',
      comment:
        'A use case depends on the store and bus ports (@onewindow/store/port, @onewindow/events/port), ' +
        'never on the package index that opens SQLite, MongoDB or Kafka.',
      from: { path: `${SERVICE}app/`, pathNot: '\\.test\\.ts$' },
      to: { path: '^libs/(store|events)/src/(index|sqlite-[^/]+|mongo-[^/]+|kafka-[^/]+|embedded-[^/]+|relay|consumer)\\.ts$' },
    },
    {
      name: 'domain-and-app-not-test-helpers',
      severity: 'error',
      comment: 'Production code does not import test helpers.',
      from: { path: `${SERVICE}(domain|app|adapters)/`, pathNot: '\\.test\\.ts$|/testing/' },
      to: { path: "/src/(app/)?testing/" },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|gen)/|\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'require', 'node', 'default'],
      mainFields: ['module', 'main', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
