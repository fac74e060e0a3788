import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

// Errors after which a DM to this person cannot succeed as things stand:
// the user closed DMs from server members or blocked the bot (50007), or
// shares no server with the bot any more (50278).
const undeliverableCodes = new Set<number>([
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds,
]);

// Opening a DM channel also fails for good when the user no longer exists
// (10013) or cannot be a recipient (50033).
const unopenableCodes = new Set<number>([
  ...undeliverableCodes,
  RESTJSONErrorCodes.UnknownUser,
  RESTJSONErrorCodes.InvalidRecipients,
]);

/** Returns Discord's JSON error code when the error means the user cannot receive DMs, else undefined. */
export function undeliverableCode(error: unknown, step: 'send' | 'open_channel' = 'send'): number | undefined {
  if (!(error instanceof DiscordAPIError) || typeof error.code !== 'number') return undefined;
  const codes = step === 'open_channel' ? unopenableCodes : undeliverableCodes;

  return codes.has(error.code) ? error.code : undefined;
}
