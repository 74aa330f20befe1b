/** A site's settings that the server acts on: routing, escalation, SLA, opening hours. */
import { z } from 'zod';
import { IdSchema } from './common';
import { OpeningHoursSchema, openingRangeOverlaps, type OpeningHours } from './opening-hours';
import { patchSchemaOf } from './patch-schema';
import { TICKET_PRIORITIES, type TicketPriority } from './ticket';

export const ROUTING_MODES = ['auto', 'pick'] as const;

const SlaTargetSchema = z.strictObject({
  firstResponseMinutes: z.number().int().min(1).max(60 * 24 * 30),
  resolutionMinutes: z.number().int().min(1).max(60 * 24 * 90),
});
export type SlaTarget = z.infer<typeof SlaTargetSchema>;

/** Why a resolution target shorter than the first response is refused: it would be due first. */
export const SLA_RESOLUTION_BEFORE_FIRST_RESPONSE = 'must not be shorter than the first-response target';

/** SLA targets as a patch names them: any tiers, priorities and halves of a target. */
export type SlaTargetsGiven = Partial<Record<string, Partial<Record<string, Partial<SlaTarget>>>>>;

/**
 * Each target given whole whose resolution would be due before its first response, as the path of
 * its resolution field. Not a refinement of the settings schema itself: that schema also reads what
 * is stored, and a stored pair saved before this rule must still be read (a failed read falls back
 * to every default). Patches are checked instead, and the server checks a half-given target merged
 * with the stored half.
 */
export function slaTargetProblems(sla: SlaTargetsGiven | undefined): { path: string[]; message: string }[] {
  const problems: { path: string[]; message: string }[] = [];
  for (const [tier, priorities] of Object.entries(sla ?? {})) {
    for (const [priority, target] of Object.entries(priorities ?? {})) {
      const first = target?.firstResponseMinutes;
      const resolution = target?.resolutionMinutes;
      if (first !== undefined && resolution !== undefined && resolution < first) {
        problems.push({ path: ['sla', tier, priority, 'resolutionMinutes'], message: SLA_RESOLUTION_BEFORE_FIRST_RESPONSE });
      }
    }
  }
  return problems;
}

const SlaByPrioritySchema = z.strictObject(
  Object.fromEntries(TICKET_PRIORITIES.map((p) => [p, SlaTargetSchema])) as Record<TicketPriority, typeof SlaTargetSchema>,
);

/** Tier 1 answers fast; higher tiers get more time, each with its own fresh clock. */
function defaultSla(): Record<'1' | '2' | '3', Record<TicketPriority, SlaTarget>> {
  const base: Record<TicketPriority, SlaTarget> = {
    urgent: { firstResponseMinutes: 30, resolutionMinutes: 4 * 60 },
    high: { firstResponseMinutes: 60, resolutionMinutes: 8 * 60 },
    normal: { firstResponseMinutes: 4 * 60, resolutionMinutes: 24 * 60 },
    low: { firstResponseMinutes: 8 * 60, resolutionMinutes: 48 * 60 },
  };
  const scaled = (factor: number) =>
    Object.fromEntries(
      TICKET_PRIORITIES.map((p) => [p, { firstResponseMinutes: base[p].firstResponseMinutes * factor, resolutionMinutes: base[p].resolutionMinutes * factor }]),
    ) as Record<TicketPriority, SlaTarget>;
  return { '1': base, '2': scaled(2), '3': scaled(3) };
}

const CssColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1d3a8a');

/** How the widget looks on the site; applied through CSS custom properties inside the iframe. */
export const WidgetAppearanceSchema = z.strictObject({
  position: z.enum(['bottom-right', 'bottom-left']).default('bottom-right'),
  color: CssColorSchema.default('#1d3a8a'),
  /** Panel title and the first line a visitor reads; empty: the translated default. */
  title: z.string().trim().max(60).default(''),
  greeting: z.string().trim().max(300).default(''),
  fontFamily: z.enum(['system', 'serif', 'rounded', 'mono']).default('system'),
  radius: z.number().int().min(0).max(24).default(14),
  panelBackground: CssColorSchema.default('#ffffff'),
  panelText: CssColorSchema.default('#1f2933'),
});
export type WidgetAppearance = z.infer<typeof WidgetAppearanceSchema>;

const FieldRuleSchema = z.enum(['off', 'optional', 'required']);
export const PrechatFormSchema = z.strictObject({
  name: FieldRuleSchema.default('optional'),
  email: FieldRuleSchema.default('optional'),
  department: FieldRuleSchema.default('off'),
});
export type PrechatForm = z.infer<typeof PrechatFormSchema>;

/**
 * A phone number as people write one: digits with spaces, +, -, (, ) or dots between them, and an
 * optional extension ("ext. 12", "x12", "#12"). Not part of the card's schema, which also reads what
 * is stored: a number saved before this rule must still load. Patches are checked instead.
 */
const PHONE_NUMBER = /^\+?[\d\s().-]*\d[\d\s().-]*(?:\s*(?:ext\.?|x|#)\s*\d{1,6})?$/i;
export const PHONE_NUMBER_PROBLEM = 'must be a phone number: digits, spaces and + - ( ) . only, with an optional extension such as "ext. 12"';
export const isPhoneNumber = (phone: string): boolean => PHONE_NUMBER.test(phone.trim());

/** The support team's contact card shown in the widget. */
export const ContactCardSchema = z.strictObject({
  phone: z.string().trim().max(40).default(''),
  email: z.union([z.string().trim().email().max(254), z.literal('')]).default(''),
  /** Free text such as "Mon–Fri 9:00–18:00"; shown beside the structured opening hours. */
  hoursNote: z.string().trim().max(200).default(''),
});
export type ContactCard = z.infer<typeof ContactCardSchema>;

/** The languages Parley speaks: the widget, the help centre and e-mails to customers. */
export const PARLEY_LANGUAGES = ['en', 'es', 'ru', 'be', 'uk', 'de', 'fr', 'pt', 'zh', 'ar'] as const;
export type ParleyLanguage = (typeof PARLEY_LANGUAGES)[number];

export const isParleyLanguage = (value: unknown): value is ParleyLanguage =>
  typeof value === 'string' && (PARLEY_LANGUAGES as readonly string[]).includes(value);

/**
 * Which of Parley's languages the site offers its visitors, and the one for a visitor whose browser
 * asks for none of them. The pair is judged together by siteLanguagesProblem(): a patch may name
 * only one half, so the server checks it merged with what is stored.
 */
export const SiteLanguagesSchema = z.strictObject({
  offered: z.array(z.enum(PARLEY_LANGUAGES)).min(1).max(PARLEY_LANGUAGES.length).default(() => [...PARLEY_LANGUAGES]),
  default: z.enum(PARLEY_LANGUAGES).default('en'),
});
export type SiteLanguages = z.infer<typeof SiteLanguagesSchema>;

/** Why a site's languages cannot be saved, or null when they can. */
export function siteLanguagesProblem(languages: SiteLanguages): { path: string; message: string } | null {
  if (new Set(languages.offered).size !== languages.offered.length) {
    return { path: 'languages.offered', message: 'must not name a language twice' };
  }
  if (!languages.offered.includes(languages.default)) {
    return { path: 'languages.default', message: 'must be one of the offered languages' };
  }
  return null;
}

/** The first of a visitor's preferred languages the site offers (pt-BR counts as pt), else the site's default. */
export function pickSiteLanguage(languages: SiteLanguages, preferred: readonly (string | null | undefined)[]): ParleyLanguage {
  for (const tag of preferred) {
    const primary = (tag ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
    const offered = languages.offered.find((lng) => lng === primary);
    if (offered) return offered;
  }
  return languages.offered.includes(languages.default) ? languages.default : (languages.offered[0] ?? 'en');
}

export const SiteSettingsSchema = z.strictObject({
  widget: WidgetAppearanceSchema.default(() => WidgetAppearanceSchema.parse({})),
  prechat: PrechatFormSchema.default(() => PrechatFormSchema.parse({})),
  contact: ContactCardSchema.default(() => ContactCardSchema.parse({})),
  languages: SiteLanguagesSchema.default(() => SiteLanguagesSchema.parse({})),
  /** Origins allowed to embed the widget (https://shop.example); empty: any origin. */
  allowedOrigins: z.array(z.string().regex(/^https?:\/\/[^/\s]+$/, 'must be an origin like https://shop.example')).max(50).default([]),
  /** auto: Parley assigns the least-loaded fitting agent; pick: agents take chats from the queue. */
  routingMode: z.enum(ROUTING_MODES).default('auto'),
  /** An assigned agent who has not answered within this many seconds loses the chat to the next. */
  assignTimeoutSeconds: z.number().int().min(10).max(3600).default(120),
  /** Used when the visitor chose no department. */
  defaultDepartmentId: IdSchema.nullable().default(null),
  /** A chat nobody picks up within this many seconds becomes a ticket. */
  waitLimitSeconds: z.number().int().min(30).max(24 * 3600).default(300),
  /** Null: always open. */
  openingHours: OpeningHoursSchema.nullable().default(null),
  sla: z.strictObject({ '1': SlaByPrioritySchema, '2': SlaByPrioritySchema, '3': SlaByPrioritySchema }).default(defaultSla),
  autoCloseSolvedAfterDays: z.number().int().min(1).max(365).default(7),
  pendingReminderAfterDays: z.number().int().min(1).max(90).default(3),
  /** Conversations (with their messages, files and closed tickets) older than this many days are purged; null keeps them. */
  retentionDays: z.number().int().min(1).max(3650).nullable().default(null),
  /** Every agent signs in with a second factor; one without it sets it up at their next sign-in. */
  requireTwoFactor: z.boolean().default(false),
});
export type SiteSettings = z.infer<typeof SiteSettingsSchema>;

export const DEFAULT_SITE_SETTINGS: SiteSettings = SiteSettingsSchema.parse({});

// The derived schema checks exactly the settings' own fields; its static type is spelled out
// below because zod cannot infer a mapped, default-free type from a runtime transformation.
export const SiteSettingsPatchSchema = patchSchemaOf(SiteSettingsSchema).superRefine((patch, ctx) => {
  for (const problem of slaTargetProblems(patch.sla as SlaTargetsGiven | undefined)) ctx.addIssue({ code: 'custom', ...problem });
  const phone = (patch.contact as Partial<ContactCard> | undefined)?.phone;
  if (phone && !isPhoneNumber(phone)) ctx.addIssue({ code: 'custom', path: ['contact', 'phone'], message: PHONE_NUMBER_PROBLEM });
  const hours = patch.openingHours as Partial<OpeningHours> | null | undefined;
  for (const problem of openingRangeOverlaps(hours?.week)) ctx.addIssue({ code: 'custom', ...problem });
}) as unknown as z.ZodType<SiteSettingsPatch>;
/** Any subset of the settings, nested objects partial too; what is absent stays as stored. */
export type SiteSettingsPatch = {
  [K in keyof SiteSettings]?: SiteSettings[K] extends (infer T)[] ? T[] : SiteSettings[K] extends object | null ? DeepPartial<SiteSettings[K]> : SiteSettings[K];
};
type DeepPartial<T> = T extends null ? null : T extends unknown[] ? T : T extends object ? { [K in keyof T]?: DeepPartial<T[K]> } : T;
