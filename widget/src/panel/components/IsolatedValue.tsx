/**
 * A translated sentence with one value in it (a name, an address) set apart from the sentence's
 * direction: in Arabic "help@tea.example" or "Anna!" would otherwise be reordered by the text around it.
 */

/** Passed to `t()` for the value; stands where the value goes in the translated sentence. */
export const VALUE_SLOT = '\uE000';

export interface IsolatedValueProps {
  /** The sentence from `t()`, with VALUE_SLOT for the value. */
  sentence: string;
  value: string;
  /** `ltr` for what is always written left to right (e-mail addresses, phone numbers); else the value's own. */
  dir?: 'ltr' | 'auto';
}

export function IsolatedValue({ sentence, value, dir = 'auto' }: IsolatedValueProps) {
  const at = sentence.indexOf(VALUE_SLOT);
  if (at < 0) return <>{sentence}</>;
  return (
    <>
      {sentence.slice(0, at)}
      <bdi dir={dir}>{value}</bdi>
      {sentence.slice(at + VALUE_SLOT.length)}
    </>
  );
}
