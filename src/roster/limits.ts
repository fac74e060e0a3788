// Maximum lengths, in characters (Unicode code points), of the values that
// Homeroom stores or sends in chat messages. OneRoster sets no limits, so
// these are Homeroom's own choices. A longer value is an export error.

/** Maximum length of a sourcedId (often a 36-character GUID or an SIS key) and of a username (often an e-mail address). */
export const maxIdLength = 255;

/**
 * Maximum length of an e-mail address. RFC 5321 limits a path to 256 octets
 * including its angle brackets, which leaves 254 for the address.
 * NOTE: this counts characters, so a non-ASCII address can pass with more than 254 octets.
 */
export const maxEmailLength = 254;

/** Maximum length of a person's, org's or class's name and of a session title, which chat messages repeat. It fits long full names with room to spare. */
export const maxNameLength = 200;

/** Maximum length by canonical column name, for the columns that have one. */
export const maxLengthByColumn: ReadonlyMap<string, number> = new Map([
  ['sourcedId', maxIdLength],
  ['userSourcedId', maxIdLength],
  ['classSourcedId', maxIdLength],
  ['schoolSourcedId', maxIdLength],
  ['orgSourcedId', maxIdLength],
  ['primaryOrgSourcedId', maxIdLength],
  ['mentorSourcedId', maxIdLength],
  ['studentSourcedId', maxIdLength],
  ['username', maxIdLength],
  ['email', maxEmailLength],
  ['givenName', maxNameLength],
  ['preferredGivenName', maxNameLength],
  ['familyName', maxNameLength],
  ['name', maxNameLength],
  ['title', maxNameLength],
]);

/** Counts the code points of `value`, so that a character outside the BMP, such as an emoji, counts once. */
export function characterCount(value: string): number {
  let count = 0;
  for (const _character of value) count += 1;

  return count;
}
