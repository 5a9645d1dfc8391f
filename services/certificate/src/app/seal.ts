import type { Clock } from '@onewindow/kernel';
import type { SealCrypto, SealKey, SealKeyRepository } from './ports.js';

/** The key every new licence is sealed with. Rotating means a new id here and keeping the old keys to verify. */
export const ACTIVE_SEAL_KEY_ID = 'issuer-seal-1';

/**
 * The issuer's e-seal: signs licence content with the active key (created
 * on first use, once, even when replicas race) and verifies a signature
 * against the key registered under the id the licence names, never
 * against a key the licence carries itself.
 */
export class Seal {
  #active: SealKey | undefined;

  constructor(
    private readonly keys: SealKeyRepository,
    private readonly crypto: SealCrypto,
    private readonly clock: Clock,
  ) {}

  async activeKey(): Promise<SealKey> {
    this.#active ??= (await this.keys.get(ACTIVE_SEAL_KEY_ID)) ?? (await this.#createActiveKey());
    return this.#active;
  }

  async sign(content: string): Promise<{ signature: string; sealKeyId: string; publicKey: string }> {
    const key = await this.activeKey();
    return { signature: this.crypto.sign(content, key), sealKeyId: key.id, publicKey: key.publicKey };
  }

  async verify(content: string, signature: string, sealKeyId: string): Promise<boolean> {
    const key = sealKeyId === this.#active?.id ? this.#active : await this.keys.get(sealKeyId);
    return key !== null && this.crypto.verify(content, signature, key.publicKey);
  }

  #createActiveKey(): Promise<SealKey> {
    const pair = this.crypto.generateKeyPair();
    return this.keys.createIfAbsent({ id: ACTIVE_SEAL_KEY_ID, algorithm: 'SM2', ...pair, createdAt: this.clock.now().toISOString() });
  }
}
