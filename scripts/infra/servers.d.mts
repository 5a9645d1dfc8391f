// Types for scripts/infra/servers.mjs (used by the cluster tests).
export const ROOT: string;
export const CACHE: string;
export const REALM_FILE: string;
export const REALM: string;
export const VERSIONS: Readonly<{ kafka: string; ferretdb: string; keycloak: string }>;
export type ServerName = 'kafka' | 'mongo' | 'keycloak';
export const SERVER_NAMES: readonly ServerName[];
export const DEFAULT_PORTS: Readonly<Record<ServerName, number>>;
export const CACHE_PATHS: Readonly<{ logs: string; run: string; state: string; m2: string }>;

export class InfraError extends Error {
  readonly logFile?: string;
}

export interface Installed {
  name: ServerName;
  version: string;
  dir: string;
  cached: boolean;
}

export interface StartOptions {
  port?: number;
  controllerPort?: number;
  managementPort?: number;
  instance?: string;
  dataDir?: string;
  fresh?: boolean;
  ifRunning?: 'reuse' | 'restart';
  heapMb?: number;
  timeoutMs?: number;
  realmFile?: string;
  /** Keycloak with fresh: start from the cached pre-imported realm database (default true). */
  template?: boolean;
  log?: (line: string) => void;
}

export interface ServerRecord {
  name: ServerName;
  instance: string;
  version: string;
  pid: number;
  ports: { port: number; controllerPort?: number; managementPort?: number };
  dir: string;
  logFile: string;
  startedAt: string;
  /** Keycloak: the confidential clients' secrets and the bootstrap admin password of this instance. */
  secrets?: {
    ONEWINDOW_SERVICES_CLIENT_SECRET: string;
    ONEWINDOW_PARTNER_DEMO_SECRET: string;
    ONEWINDOW_IDENTITY_ADMIN_SECRET: string;
    KC_BOOTSTRAP_ADMIN_PASSWORD: string;
  };
}

export interface ServerHandle extends ServerRecord {
  /** Kafka: host:port for KAFKA_BROKERS. */
  brokers?: string;
  /** Mongo: the connection string; Keycloak: the server's base URL. */
  url?: string;
  /** Keycloak: the realm URL, for OIDC_ISSUER. */
  issuer?: string;
  managementUrl?: string;
  probe(): Promise<unknown>;
  stop(options?: { signal?: NodeJS.Signals; graceMs?: number }): Promise<void>;
  restart(options?: { crash?: boolean }): Promise<ServerHandle>;
}

export function ensureInstalled(name: ServerName, options?: { log?: (line: string) => void }): Promise<Installed>;
export function prepareKeycloakTemplate(options?: { log?: (line: string) => void; realmFile?: string }): Promise<string>;
export function startServer(name: ServerName, options?: StartOptions): Promise<ServerHandle>;
export function stopInstance(record: ServerRecord, options?: { signal?: NodeJS.Signals; graceMs?: number }): Promise<void>;
export function registeredInstances(): ServerRecord[];
export function isRunning(record: ServerRecord): boolean;
export function describe(record: ServerRecord): string;
export function platformEnvFor(records: ServerRecord[]): Record<string, string>;
export function probeKafka(port: number): Promise<{ brokers: number; controller: number }>;
export function probeMongo(port: number): Promise<{ version?: string; ferretdb?: string }>;
export function probeKeycloak(url: string, managementPort: number): Promise<{ issuer: string }>;
export function mongoCommand(port: number, command: Record<string, string | number>): Promise<Record<string, unknown>>;
