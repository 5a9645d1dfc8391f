import { invalid } from '@onewindow/kernel/errors';

/**
 * Hall codes are `hall-<division code>-<number>`, e.g. `hall-510100-01` is
 * hall 01 of 成都市 (510100). Until identity serves the hall → org unit
 * mapping, the org unit a case goes to for approval is the hall's division
 * code, read off the hall code.
 */
const HALL = /^hall-(\d{6})-(\d{2,4})$/;

export function isHallCode(hall: string): boolean {
  return HALL.test(hall);
}

/** The org unit (GB/T 2260 division code) a hall's cases are approved in. */
export function orgUnitOfHall(hall: string): string {
  const match = HALL.exec(hall);
  if (!match?.[1]) {
    throw invalid('HALL_INVALID', `unknown hall "${hall}"`, [
      { field: 'hall', message: 'must look like hall-510100-01 (hall-<division code>-<number>)' },
    ]);
  }
  return match[1];
}
