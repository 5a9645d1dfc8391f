/**
 * Every validator answers with the same shape: `valid`, a stable English
 * `reason` code clients may switch on, and a Simplified Chinese `message`
 * for the user. English text for each code is in `IDENTIFIER_MESSAGES`.
 * A valid result also carries the canonical (upper-case) `value`: store
 * and compare that, never the raw input.
 */
export type IdentifierReason =
  | 'LENGTH'
  | 'FORMAT'
  | 'BIRTH_DATE'
  | 'REGISTRATION_AUTHORITY'
  | 'ENTITY_TYPE'
  | 'DIVISION_CODE'
  | 'CHECK_DIGIT';

export type IdentifierValidation<R extends IdentifierReason = IdentifierReason> =
  | { readonly valid: true; readonly reason: 'OK'; readonly message: string; readonly value: string }
  | { readonly valid: false; readonly reason: R; readonly message: string };

export const IDENTIFIER_MESSAGES: Readonly<Record<IdentifierReason | 'OK', { zh: string; en: string }>> = {
  OK: { zh: '有效', en: 'valid' },
  LENGTH: { zh: '长度应为18位', en: 'must be 18 characters long' },
  FORMAT: { zh: '含有不允许的字符', en: 'contains characters that are not allowed' },
  BIRTH_DATE: { zh: '出生日期无效', en: 'the birth date is not a valid date' },
  REGISTRATION_AUTHORITY: { zh: '登记管理部门代码无效', en: 'unknown registration authority code' },
  ENTITY_TYPE: { zh: '机构类别代码无效', en: 'entity type code not allowed for this registration authority' },
  DIVISION_CODE: { zh: '行政区划代码无效', en: 'the division code must be six digits' },
  CHECK_DIGIT: { zh: '校验码错误', en: 'the check character does not match' },
};

export function ok(value: string): IdentifierValidation<never> {
  return { valid: true, reason: 'OK', message: IDENTIFIER_MESSAGES.OK.zh, value };
}

export function fail<R extends IdentifierReason>(reason: R): IdentifierValidation<R> {
  return { valid: false, reason, message: IDENTIFIER_MESSAGES[reason].zh };
}
