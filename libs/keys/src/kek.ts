import { statSync, readFileSync } from 'node:fs';
import { ConfigError } from '@onewindow/kernel';

/**
 * The key-encryption key, 32 bytes: given as base64 in configuration, or as a
 * file (base64, or 32 raw bytes) that only its owner may read. A file anyone
 * else can read is as good as no encryption, so the service refuses to start.
 */
export function loadKek(source: { readonly value?: string; readonly file?: string }): Buffer {
  if (source.value && source.file) throw new ConfigError(['KEY_ENCRYPTION_KEY and KEY_ENCRYPTION_KEY_FILE: set one, not both']);
  if (source.file) {
    const mode = statSync(source.file).mode & 0o777;
    if (mode & 0o077) {
      throw new ConfigError([
        `KEY_ENCRYPTION_KEY_FILE: ${source.file} is readable by group or others (mode ${mode.toString(8).padStart(4, '0')}); ` +
          `run chmod 600 ${source.file}`,
      ]);
    }
    const raw = readFileSync(source.file);
    return raw.length === 32 ? raw : decode(raw.toString('utf8').trim(), 'KEY_ENCRYPTION_KEY_FILE');
  }
  if (source.value) return decode(source.value, 'KEY_ENCRYPTION_KEY');
  throw new ConfigError(['KEY_ENCRYPTION_KEY or KEY_ENCRYPTION_KEY_FILE: required with KEYS=local (32 bytes, base64)']);
}

function decode(text: string, name: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== 32 || key.toString('base64') !== text) throw new ConfigError([`${name}: must be 32 bytes, base64`]);
  return key;
}
