/** The panel's rarely used parts, each a chunk of its own (with its styles) fetched on demand; each module's default export is the part. */
import { lazyPart } from './lazy-part';

export const LazyPreChatForm = lazyPart(() => import('./PreChatForm'));
export const LazyOfflineForm = lazyPart(() => import('./OfflineForm'));
export const LazyRatingCard = lazyPart(() => import('./RatingCard'));
export const LazyTicketNotice = lazyPart(() => import('./TicketNotice'));
export const LazyContactCard = lazyPart(() => import('./ContactCard'));
export const LazyEmojiPicker = lazyPart(() => import('./EmojiPicker'), 'above');
export const LazyEndChatConfirm = lazyPart(() => import('./EndChatConfirm'));
export const LazyMessageFailure = lazyPart(() => import('./MessageFailure'));
export const LazyChatMenu = lazyPart(() => import('./ChatMenu'), 'below');
export const LazyConversationNotice = lazyPart(() => import('./ConversationNotice'));
export const LazyStatusNotice = lazyPart(() => import('./StatusNotice'));
export const LazyKbSuggestions = lazyPart(() => import('./KbSuggestions'));
export const LazyComposerTools = lazyPart(() => import('./ComposerTools'), 'above');
export const LazyAttachmentFiles = lazyPart(() => import('./AttachmentFiles'));
export const LazySendingHeldNotice = lazyPart(() => import('./SendingHeldNotice'));
