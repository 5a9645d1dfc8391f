import { invalid } from '@onewindow/kernel';

/** Far longer than any identifier we issue (~70 characters); anything longer is refused unread. */
export const LICENCE_ID_MAX_CHARS = 128;

export function licenceIdFrom(input: string): string {
  const id = input.trim();
  if (!id) throw invalid('LICENCE_ID_REQUIRED', 'a licence id is required', [{ field: 'licenceId', message: 'required' }]);
  if (id.length > LICENCE_ID_MAX_CHARS) {
    throw invalid('LICENCE_ID_INVALID', 'the licence id is too long', [
      { field: 'licenceId', message: `at most ${LICENCE_ID_MAX_CHARS} characters` },
    ]);
  }
  return id;
}
