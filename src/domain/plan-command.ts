/**
 * The plan that `/plan` requests. For another person, `kind` names what `query`
 * contains: a platform user id taken from a mention, an e-mail address (lowercased)
 * or a name (NFC, whitespace collapsed to single spaces).
 */
export type PlanCommand = { target: 'self' } | { target: 'other'; query: string; kind: 'user_id' | 'email' | 'name' };

/**
 * A `/plan` text that could not be used. `detail` is, for extra_words, the words
 * after the person and, for unsupported_mention, the mention as typed (a channel,
 * role, group or link rather than a person).
 */
export interface PlanCommandError {
  error: 'extra_words' | 'unsupported_mention';
  detail: string;
}

// Slack escapes a user mention as <@U123> or <@U123|name>. Enterprise Grid user ids start with W.
const SLACK_USER_MENTION = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
// Discord writes a user mention as <@123>, or <@!123> for one with a nickname.
const DISCORD_USER_MENTION = /^<@!?(\d+)>$/;
// Slack may send a typed e-mail address as <mailto:a@b.org|a@b.org>.
const SLACK_MAILTO = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/i;
const ANGLE_BRACKETED = /^<[^<>]*>$/;
const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/u;
// An angle-bracketed token may contain spaces (<@U123|Maria Lopez>), so it is one token.
const TOKEN = /<[^<>]*>|[^\s<]+|</gu;

/**
 * Parses the text after `/plan`: empty for the requester's own plan, or one person
 * given by a Slack or Discord mention, an e-mail address or a name of any number of
 * words. A mention or address followed by more words is `extra_words`, because only
 * one person's plan can be shown.
 */
export function parsePlanCommand(text: string): PlanCommand | PlanCommandError {
  const tokens = text.normalize('NFC').match(TOKEN) ?? [];
  if (tokens.length === 0) {
    return { target: 'self' };
  }

  const targetIndex = tokens.findIndex((token) => ANGLE_BRACKETED.test(token) || EMAIL.test(token));
  if (targetIndex === -1) {
    return { target: 'other', query: tokens.join(' '), kind: 'name' };
  }

  const target = tokens[targetIndex]!;
  const person = parsePerson(target);
  if (person === null) {
    return { error: 'unsupported_mention', detail: target };
  }
  if (tokens.length > 1) {
    const extra = tokens.filter((_, index) => index !== targetIndex);
    return { error: 'extra_words', detail: extra.join(' ') };
  }

  return person;
}

function parsePerson(token: string): PlanCommand | null {
  const userId = SLACK_USER_MENTION.exec(token)?.[1] ?? DISCORD_USER_MENTION.exec(token)?.[1];
  if (userId !== undefined) {
    return { target: 'other', query: userId, kind: 'user_id' };
  }

  const email = SLACK_MAILTO.exec(token)?.[1] ?? (EMAIL.test(token) ? token : undefined);
  if (email !== undefined && EMAIL.test(email)) {
    return { target: 'other', query: email.toLowerCase(), kind: 'email' };
  }

  return null;
}
