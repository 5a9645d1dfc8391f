import { invalid } from '@onewindow/kernel/errors';

/** A partner platform (another province's or city's) that cases are exchanged with. */
export interface Partner {
  readonly id: string;
  readonly name: string;
  /** GB/T 2260 division code of the partner's province or city. */
  readonly divisionCode: string;
  /** Its routing service's gRPC address. */
  readonly endpoint: string;
  readonly status: 'ACTIVE' | 'SUSPENDED';
}

const DIVISION_CODE = /^\d{6}$/;
const ENDPOINT = /^[A-Za-z0-9.-]+:\d{1,5}$/;

/** Validates a partner registration; every problem is reported at once. */
export function definePartner(input: Omit<Partner, 'status'> & { status?: Partner['status'] }): Partner {
  const problems = [
    ...(input.id.trim() ? [] : [{ field: 'id', message: 'required' }]),
    ...(input.name.trim() ? [] : [{ field: 'name', message: 'required' }]),
    ...(DIVISION_CODE.test(input.divisionCode) ? [] : [{ field: 'divisionCode', message: 'must be 6 digits' }]),
    ...(ENDPOINT.test(input.endpoint) ? [] : [{ field: 'endpoint', message: 'must be host:port' }]),
  ];
  if (problems.length) throw invalid('PARTNER_INVALID', 'invalid partner registration', problems);
  return { ...input, status: input.status ?? 'ACTIVE' };
}
