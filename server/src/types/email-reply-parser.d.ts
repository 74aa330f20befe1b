// email-reply-parser 1.x (CommonJS, Node 20) ships no types; 2.x has them but is ESM only and needs Node 22.
declare module 'email-reply-parser' {
  class EmailReplyParser {
    /** The text of a reply above whatever it quotes, without its signature. */
    parseReply(text: string): string;
  }
  export = EmailReplyParser;
}
