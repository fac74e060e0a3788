// Default_Ignorable_Code_Point covers zero-width joiners and non-joiners, bidi marks,
// variation selectors and fillers, none of which shows anything on its own.
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}]*$/u;

/** Returns whether `text` contains anything besides whitespace and invisible characters. */
export function hasVisibleText(text: string): boolean {
  return !INVISIBLE_ONLY.test(text);
}
