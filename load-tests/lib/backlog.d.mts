// Types for backlog.mjs.
export interface Backlog {
  outbox: Record<string, number>;
  outboxTotal: number;
  lag: Record<string, number>;
  lagTotal: number;
}
export function backlogReader(dataDir: string, services: readonly string[]): { read(): Backlog; close(): void };
