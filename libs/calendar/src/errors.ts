export interface CalendarErrorDetail {
  readonly field?: string;
  readonly message: string;
}

/**
 * Thrown on bad dates and bad schedules. Same shape as the kernel's
 * DomainError('invalid', code, message, details) so a caller at a boundary can
 * rethrow it as one; this package stays dependency-free.
 */
export class CalendarError extends Error {
  override readonly name = 'CalendarError';
  constructor(
    readonly code: CalendarErrorCode,
    message: string,
    readonly details: readonly CalendarErrorDetail[] = [],
  ) {
    super(message);
  }
}

export type CalendarErrorCode =
  | 'CALENDAR_INVALID_DATE'
  | 'CALENDAR_INVALID_COUNT'
  | 'CALENDAR_SCHEDULE_INVALID'
  | 'CALENDAR_DUPLICATE_YEAR';
