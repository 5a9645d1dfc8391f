// Types for proc.mjs.
export interface Sample {
  t: number;
  rssBytes: number;
  perProcess: Record<string, number>;
  load1: number;
}
export function rssBytes(pid: number): number;
export function cpuSeconds(pid: number): number;
export function machineCpu(): { busy: number; total: number };
export function loadAverage(): string;
export function machine(): { cpuModel: string; cores: number; memoryGiB: number; kernel: string; node: string };
export function startSampler(pids: () => Record<string, number | undefined>, options?: { intervalMs?: number }): { stop(): Sample[] };
export function slope(points: readonly { x: number; y: number }[]): number;
