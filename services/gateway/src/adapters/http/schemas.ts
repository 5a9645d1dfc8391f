import { invalid } from '@onewindow/kernel';
import { z } from 'zod';

/** Request bodies: strict (unknown fields refused), bounded, and scalar where a scalar is meant. */
const text = (max: number) => z.string().trim().max(max);

export const completeTask = z.strictObject({
  outcome: z.enum(['APPROVE', 'REJECT']),
  opinion: text(2000).min(1, 'an opinion is required'),
  legalBasis: z.array(text(200).min(1)).max(20).default([]),
});

export const validateIdentifier = z.strictObject({
  type: z.enum(['residentId', 'uscc']),
  value: z.string().max(64),
});

/** Resource ids in paths: uuids, derived ids such as `<caseId>:review`, licence OIDs. */
export const pathId = z.string().regex(/^[A-Za-z0-9_.:-]{1,160}$/, 'must be an identifier');

/** A path parameter, or a 400 naming it. */
export function param(params: Record<string, string>, name: string): string {
  const parsed = pathId.safeParse(params[name]);
  if (!parsed.success) throw invalid('PATH_PARAM_INVALID', `${name} is not a valid identifier`, [{ field: name, message: 'letters, digits, _ . : -, at most 160' }]);
  return parsed.data;
}
