export { WorkingDayCalendar, type WorkingDayResult } from './calendar.js';
export { validateSchedule, type YearSchedule } from './schedule.js';
export { CalendarError, type CalendarErrorCode, type CalendarErrorDetail } from './errors.js';
export { bundledCalendar, loadBundledSchedules, loadSchedulesFrom } from './bundled.js';
export { chinaDate, chinaDateTime } from './china-time.js';
