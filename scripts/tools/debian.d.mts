/** Installs a pinned Debian tool once into the cache; resolves to the directory its command wrappers are in. */
export function ensureDebianTool(name: string, options?: { log?: (line: string) => void }): Promise<string>;
/** Where an installed tool's packages are unpacked (its `usr/…` tree is under it). */
export function debianToolRoot(name: string): string;
export const DEBIAN_TOOLS: Readonly<Record<string, { version: string; packages: string[]; commands: string[] }>>;
