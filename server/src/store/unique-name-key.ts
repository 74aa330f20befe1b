/** The form names are compared in where they must be unique regardless of case: department names, canned-reply shortcuts. */

/**
 * "Billing", "billing" and " BILLING " are one name; Unicode-aware ("Отдел" and "отдел" too), unlike
 * SQLite's lower() and NOCASE, which fold ASCII only. Both stores keep it beside the name under a
 * unique index; SQLite's migration 25 filled it in with unicode_lower(trim(…)), the same fold.
 */
export const uniqueNameKey = (name: string): string => name.trim().toLowerCase();
