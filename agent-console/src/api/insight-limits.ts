/**
 * The contract's limits that the knowledge-base and analytics screens check before asking the
 * server. Plain values here, tied to @parley/shared by their types (a changed limit there is a
 * compile error here), so that importing them does not bring zod's schema code into the browser.
 */
import type {
  ANALYTICS_MAX_DAYS,
  KB_BODY_MAX,
  KB_SUMMARY_MAX,
  KB_TITLE_MAX,
  STATUS_NOTICE_SEVERITIES,
} from '@parley/shared';

export const TITLE_MAX: typeof KB_TITLE_MAX = 200;
export const SUMMARY_MAX: typeof KB_SUMMARY_MAX = 500;
export const BODY_MAX: typeof KB_BODY_MAX = 100_000;
export const NOTICE_SEVERITIES: typeof STATUS_NOTICE_SEVERITIES = ['info', 'warning', 'outage'];
/** StatusNoticeInputSchema's text limit (not exported as a constant by the contract). */
export const NOTICE_TEXT_MAX = 500;
export const MAX_REPORT_DAYS: typeof ANALYTICS_MAX_DAYS = 366;
