// The cluster suite: every port's contract and the whole platform against real
// servers (Kafka, FerretDB as the MongoDB-wire server, Keycloak), which the
// global setup installs (cached), starts on loopback ports and stops.
// `npm run test:cluster`; the e2e part needs the services built first.
import { defineConfig } from 'vitest/config';

// As vitest.shared.ts: workspace packages resolve to their sources ("source" condition).
const conditions = ['source', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['libs/store/test/mongo.int.test.ts', 'libs/events/test/kafka.int.test.ts', 'test/cluster/**/*.int.test.ts'],
    globalSetup: ['test/cluster/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    // The global teardown stops three servers gracefully (Kafka's controlled shutdown can take a while on a busy machine).
    teardownTimeout: 90_000,
    // One file at a time: they share the servers and the machine has 2 cores.
    fileParallelism: false,
    reporters: ['default', ['json', { outputFile: '.test-results.cluster.json' }]],
  },
});
