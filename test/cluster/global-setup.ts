// Global setup of the cluster suite (vitest.cluster.config.ts): installs (once,
// cached) and starts a Kafka broker, the MongoDB-wire server and Keycloak on
// loopback ports of their own, hands their addresses to the tests (inject /
// the ONEWINDOW_TEST_* environment the contract runners read) and stops them
// afterwards, copying their logs to <cache>/logs/last-cluster-run/.
//
// To run against servers that are already up instead, set
// ONEWINDOW_TEST_KAFKA_BROKERS, ONEWINDOW_TEST_MONGO_URL and
// ONEWINDOW_TEST_OIDC_ISSUER (+ ONEWINDOW_TEST_SERVICES_CLIENT_SECRET,
// ONEWINDOW_TEST_PARTNER_DEMO_SECRET, ONEWINDOW_TEST_IDENTITY_ADMIN_SECRET);
// whatever is set is not started here.
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { CACHE_PATHS, ensureInstalled, startServer, type ServerHandle, type ServerName, type StartOptions } from '../../scripts/infra/servers.mjs';
import { CLUSTER_PORTS, type ClusterContext } from './ports.js';

declare module 'vitest' {
  export interface ProvidedContext {
    cluster: ClusterContext;
  }
}

const log = (line: string) => console.log(`[cluster] ${line}`);

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const began = Date.now();
  const env = process.env;
  const wanted: ServerName[] = [];
  if (!env['ONEWINDOW_TEST_KAFKA_BROKERS']) wanted.push('kafka');
  if (!env['ONEWINDOW_TEST_MONGO_URL']) wanted.push('mongo');
  if (!env['ONEWINDOW_TEST_OIDC_ISSUER']) wanted.push('keycloak');
  // Kafka is always needed here: the broker-restart test starts a broker of its own.
  await Promise.all([...new Set<ServerName>([...wanted, 'kafka'])].map((name) => ensureInstalled(name, { log })));
  log(`installed in ${((Date.now() - began) / 1000).toFixed(1)} s`);

  const dataDir = mkdtempSync(join(tmpdir(), 'onewindow-cluster-'));
  const options: Record<ServerName, StartOptions> = {
    kafka: { instance: 'test-kafka', port: CLUSTER_PORTS.kafka },
    mongo: { instance: 'test-mongo', port: CLUSTER_PORTS.mongo },
    keycloak: { instance: 'test-keycloak', port: CLUSTER_PORTS.keycloak },
  };
  const results = await Promise.allSettled(
    wanted.map((name) => startServer(name, { ...options[name], dataDir: join(dataDir, name), fresh: true, ifRunning: 'restart', log })),
  );
  const handles = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const stopAll = async () => {
    await Promise.all(handles.map((h) => h.stop().catch((err: unknown) => log(`could not stop ${h.instance}: ${String(err)}`))));
  };
  // Copies the servers' and the platform's logs to <cache>/logs/last-cluster-run and removes the scratch data. Synchronous, once.
  let finished = false;
  const finish = () => {
    if (finished) return;
    finished = true;
    const keep = join(CACHE_PATHS.logs, 'last-cluster-run');
    try {
      rmSync(keep, { recursive: true, force: true });
      mkdirSync(keep, { recursive: true });
      for (const h of handles) if (existsSync(h.logFile)) cpSync(h.logFile, join(keep, `${h.instance}.log`));
      const platformLogs = join(dataDir, 'platform', 'logs');
      if (existsSync(platformLogs)) cpSync(platformLogs, join(keep, 'platform'), { recursive: true });
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
    log(`logs of this run: ${keep}`);
  };
  // A run that ends without its teardown (Ctrl-C, a crash) still takes its servers and scratch data with it.
  const onExit = () => {
    for (const h of handles) {
      try {
        process.kill(-h.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    finish();
  };
  process.once('exit', onExit);
  const failed = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failed.length > 0) {
    await stopAll();
    process.removeListener('exit', onExit);
    finish();
    throw new Error(`the cluster servers did not start:\n${failed.map((e) => e.message).join('\n')}`);
  }
  const byName = (name: ServerName): ServerHandle | undefined => handles.find((h) => h.name === name);

  const keycloak = byName('keycloak');
  const context: ClusterContext = {
    kafkaBrokers: byName('kafka')?.brokers ?? env['ONEWINDOW_TEST_KAFKA_BROKERS'] ?? '',
    mongoUrl: byName('mongo')?.url ?? env['ONEWINDOW_TEST_MONGO_URL'] ?? '',
    issuer: keycloak?.issuer ?? env['ONEWINDOW_TEST_OIDC_ISSUER'] ?? '',
    keycloakUrl: keycloak?.url ?? (env['ONEWINDOW_TEST_OIDC_ISSUER'] ?? '').replace(/\/realms\/[^/]+\/?$/, ''),
    servicesClientSecret: keycloak?.secrets?.ONEWINDOW_SERVICES_CLIENT_SECRET ?? env['ONEWINDOW_TEST_SERVICES_CLIENT_SECRET'] ?? '',
    partnerClientSecret: keycloak?.secrets?.ONEWINDOW_PARTNER_DEMO_SECRET ?? env['ONEWINDOW_TEST_PARTNER_DEMO_SECRET'] ?? '',
    identityAdminSecret: keycloak?.secrets?.ONEWINDOW_IDENTITY_ADMIN_SECRET ?? env['ONEWINDOW_TEST_IDENTITY_ADMIN_SECRET'] ?? '',
    dataDir,
  };
  project.provide('cluster', context);
  // The contract runners in libs/*/test read these.
  env['ONEWINDOW_TEST_KAFKA_BROKERS'] = context.kafkaBrokers;
  env['ONEWINDOW_TEST_MONGO_URL'] = context.mongoUrl;
  log(`servers up in ${((Date.now() - began) / 1000).toFixed(1)} s: KAFKA_BROKERS=${context.kafkaBrokers} MONGO_URL=${context.mongoUrl} OIDC_ISSUER=${context.issuer}`);

  return async () => {
    const t = Date.now();
    log('stopping the servers');
    await stopAll();
    process.removeListener('exit', onExit);
    log(`servers stopped in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    finish();
  };
}
