// Types for the launcher shared by `npm start` and the end-to-end tests.
import type { ChildProcess } from 'node:child_process';

export const ROOT: string;
export const SERVICE_ORDER: readonly string[];

export interface PlatformOptions {
  dataDir?: string;
  portOffset?: number;
  base?: Record<string, string | undefined>;
  progress?: (line: string) => void;
  timeoutMs?: number;
  /** Where the supervisor's crash reports go besides logs/launcher.log (default: stderr). */
  report?: (line: string) => void;
  backoff?: Partial<Backoff>;
  /** Extra Node flags per service name (`*` for every service), e.g. `{ intake: ['--cpu-prof'] }`. */
  nodeArgs?: Record<string, readonly string[]>;
}

/** Restart backoff: `initialMs` doubling per crash inside `windowMs`, capped at `maxMs`; `loopCrashes` in the window is a crash loop. */
export interface Backoff {
  initialMs: number;
  maxMs: number;
  windowMs: number;
  loopCrashes: number;
}
export const DEFAULT_BACKOFF: Backoff;
export function backoffDelay(recent: number, backoff?: Pick<Backoff, 'initialMs' | 'maxMs'>): number;

export interface RunningPlatform {
  gatewayUrl: string;
  dataDir: string;
  env: Record<string, Record<string, string>>;
  children: Map<string, ChildProcess>;
  /** Every exit the launcher did not ask for, oldest first; each is followed by a restart. */
  exits: { name: string; code: number | null; signal: string | null }[];
  stop(): Promise<void>;
  /** Kills one service with SIGKILL and starts it again. */
  restart(name: string): Promise<void>;
}

export function platformEnv(options: { dataDir: string; portOffset?: number; base?: Record<string, string | undefined> }): {
  env: Record<string, Record<string, string>>;
  gatewayUrl: string;
};
/** Every loopback port the platform at `portOffset` listens on, named. */
export function platformPorts(portOffset?: number): { port: number; what: string }[];
/** The platform ports at `portOffset` that something on 127.0.0.1 already listens on. */
export function takenPorts(portOffset?: number): Promise<{ port: number; what: string }[]>;
export function startPlatform(options?: PlatformOptions): Promise<RunningPlatform>;
