import { DiscordAPIError, RESTJSONErrorCodes } from 'discord.js';

// Errors after which a DM to this person cannot succeed as things stand:
// the user closed DMs from server members or blocked the bot (50007), or
// shares no server with the bot any more (50278).
const undeliverableCodes = new Set<number>([
  RESTJSONErrorCodes.CannotSendMessagesToThisUser,
  RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds,
]);

/** Returns Discord's JSON error code when the error means the user cannot receive DMs, else undefined. */
export function undeliverableCode(error: unknown): number | undefined {
  if (!(error instanceof DiscordAPIError) || typeof error.code !== 'number') return undefined;

  return undeliverableCodes.has(error.code) ? error.code : undefined;
}
