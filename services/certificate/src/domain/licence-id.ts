import { sm3 } from 'sm-crypto-v2';
import { mod37_36CheckChar } from './iso7064.js';

/**
 * Licence identifiers in the GB/T 36904 shape used by public implementations:
 *
 *   1.2.156.3005.2.<licence type code>.<issuer USCC>.<serial>.<version>.<check>
 *
 * - licence type code: 21 characters (see `licenceTypeCode`);
 * - issuer USCC: the issuing authority's 18-character credit code;
 * - serial: per licence type, 10 decimal digits, from 0000000001;
 * - version: 3 digits, 001 for a first issue;
 * - check: ISO 7064 MOD 37,36 over every letter and digit before it, prefix
 *   included, dots skipped (they carry nothing and are not in the alphabet).
 */
export const LICENCE_ID_PREFIX = '1.2.156.3005.2';
export const SERIAL_DIGITS = 10;
export const FIRST_VERSION = '001';

const SHAPE = /^1\.2\.156\.3005\.2\.([0-9A-Z]{21})\.([0-9A-Z]{18})\.(\d{10})\.(\d{3})\.([0-9A-Z])$/;

export interface LicenceIdParts {
  readonly typeCode: string;
  readonly issuerUscc: string;
  readonly serial: number;
  readonly version: string;
}

/**
 * The 21-character code of a licence type. In GB/T 36904 the code is
 * assigned by the licence catalog (the defining department's credit code
 * plus a sequence); until certificate types are registered here it is
 * derived from the type name, deterministically:
 *   - the name's letters and digits, upper-cased, first 15, right-padded with "0";
 *   - then 6 base-36 characters of its SM3 digest (first 64 bits mod 36^6),
 *     so names sharing those 15 characters still get different codes.
 * BUSINESS_LICENCE → "BUSINESSLICENCE" + 6 digest characters.
 */
export function licenceTypeCode(licenceType: string): string {
  const readable = licenceType.toUpperCase().replace(/[^0-9A-Z]/g, '').slice(0, 15).padEnd(15, '0');
  const digest = BigInt(`0x${sm3(licenceType).slice(0, 16)}`) % 36n ** 6n;
  return readable + digest.toString(36).toUpperCase().padStart(6, '0');
}

export function formatLicenceId(parts: LicenceIdParts): string {
  if (!/^[0-9A-Z]{21}$/.test(parts.typeCode)) throw new RangeError('licence type code must be 21 letters or digits');
  if (!/^[0-9A-Z]{18}$/.test(parts.issuerUscc)) throw new RangeError('issuer USCC must be 18 letters or digits');
  if (!Number.isSafeInteger(parts.serial) || parts.serial < 1 || parts.serial >= 10 ** SERIAL_DIGITS) {
    throw new RangeError(`serial must be 1 to ${10 ** SERIAL_DIGITS - 1}`);
  }
  if (!/^\d{3}$/.test(parts.version)) throw new RangeError('version must be 3 digits');
  const body = [LICENCE_ID_PREFIX, parts.typeCode, parts.issuerUscc, String(parts.serial).padStart(SERIAL_DIGITS, '0'), parts.version].join('.');
  return `${body}.${checkCharOf(body)}`;
}

/** The parts of a well-formed identifier whose check character matches, else null. */
export function parseLicenceId(id: string): LicenceIdParts | null {
  const match = SHAPE.exec(id);
  if (!match) return null;
  const [, typeCode = '', issuerUscc = '', serial = '', version = '', check = ''] = match;
  if (checkCharOf(id.slice(0, -2)) !== check) return null;
  return { typeCode, issuerUscc, serial: Number(serial), version };
}

function checkCharOf(body: string): string {
  return mod37_36CheckChar(body.replaceAll('.', ''));
}
