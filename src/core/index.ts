export type { CalendarPeriod, TimeUnit } from './dates.js';
export { DAYS_PER_TIME_UNIT } from './dates.js';
export type { CrmAnalyticsErrorCode, CrmAnalyticsErrorDetails, ErrorPath } from './errors.js';
export { CrmAnalyticsError, isCrmAnalyticsError } from './errors.js';
export type { Accessor } from './validate.js';
