import { describe, expect, it } from 'vitest';
import { mod37_36CheckChar } from './iso7064.js';
import { formatLicenceId, licenceTypeCode, parseLicenceId } from './licence-id.js';

const parts = { typeCode: licenceTypeCode('FOOD_BUSINESS_LICENCE'), issuerUscc: '11510100MB0000000U', serial: 42, version: '001' };

describe('licenceTypeCode', () => {
  it('is 21 letters and digits, readable from the type name', () => {
    const code = licenceTypeCode('BUSINESS_LICENCE');
    expect(code).toMatch(/^BUSINESSLICENCE[0-9A-Z]{6}$/);
  });

  it('is the same for the same name and differs for names sharing a 15-character prefix', () => {
    expect(licenceTypeCode('FOOD_BUSINESS_LICENCE')).toBe(licenceTypeCode('FOOD_BUSINESS_LICENCE'));
    expect(licenceTypeCode('FOOD_BUSINESS_LICENCE_A')).not.toBe(licenceTypeCode('FOOD_BUSINESS_LICENCE_B'));
  });

  it('pads a short name', () => {
    expect(licenceTypeCode('ID').slice(0, 15)).toBe('ID0000000000000');
  });
});

describe('formatLicenceId', () => {
  it('lays out prefix, type code, issuer, serial, version and a MOD 37,36 check over the rest', () => {
    const id = formatLicenceId(parts);
    const body = `1.2.156.3005.2.${parts.typeCode}.11510100MB0000000U.0000000042.001`;
    expect(id).toBe(`${body}.${mod37_36CheckChar(body.replaceAll('.', ''))}`);
  });

  it('refuses a serial that does not fit ten digits', () => {
    expect(() => formatLicenceId({ ...parts, serial: 10_000_000_000 })).toThrow(RangeError);
    expect(() => formatLicenceId({ ...parts, serial: 0 })).toThrow(RangeError);
  });
});

describe('parseLicenceId', () => {
  it('reads back what was formatted', () => {
    expect(parseLicenceId(formatLicenceId(parts))).toEqual(parts);
  });

  it('refuses an identifier with a mistyped character', () => {
    const id = formatLicenceId(parts);
    const typo = id.replace('.0000000042.', '.0000000043.');
    expect(parseLicenceId(typo)).toBeNull();
  });

  it('refuses anything not in the shape', () => {
    expect(parseLicenceId('1.2.156.3005.2.X')).toBeNull();
    expect(parseLicenceId('')).toBeNull();
  });
});
