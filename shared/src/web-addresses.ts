/**
 * Where the web addresses in a message are, the same in the widget and the console: only http(s)://
 * and www. addresses, without the punctuation that ends the sentence around them.
 */
const WEB_ADDRESS = /\b(?:https?:\/\/|www\.)[^\s<>"]+/gi;
// Punctuation that usually ends the sentence rather than the address ("see https://x.org.").
const TRAILING_PUNCTUATION = /[.,;:!?'")\]}]+$/;

export interface WebAddress {
  /** Where the address starts in the text. */
  start: number;
  text: string;
}

const count = (text: string, char: string): number => text.split(char).length - 1;

export function findWebAddresses(text: string): WebAddress[] {
  const found: WebAddress[] = [];
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const trailing = TRAILING_PUNCTUATION.exec(match[0])?.[0] ?? '';
    let address = match[0].slice(0, match[0].length - trailing.length);
    // The closing parentheses the address itself opened belong to it (Wikipedia's ".../Tea_(meal)").
    for (let open = count(address, '(') - count(address, ')'), i = 0; open > 0 && trailing[i] === ')'; open -= 1, i += 1) {
      address += ')';
    }
    found.push({ start: match.index, text: address });
  }
  return found;
}
