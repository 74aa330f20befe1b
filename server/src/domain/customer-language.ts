/** The language Parley writes to a customer in: e-mails, tickets from chats and the offline form. */
import { PARLEY_LANGUAGES, pickSiteLanguage, type ParleyLanguage, type SiteSettings } from '@parley/shared';

/**
 * The first of the tags (the conversation's language, then the visitor's) that Parley speaks, so an
 * e-mail continues in the language the chat was in; else the site's default language, not English.
 */
export function customerLanguage(settings: Pick<SiteSettings, 'languages'>, tags: readonly (string | null | undefined)[]): ParleyLanguage {
  return pickSiteLanguage({ offered: [...PARLEY_LANGUAGES], default: pickSiteLanguage(settings.languages, []) }, tags);
}
