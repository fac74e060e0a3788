import { REST, Routes, type RESTPutAPIApplicationCommandsResult } from 'discord.js';
import type { Config } from '../../src/config.ts';
import { buildCommandDefinitions } from './command-definitions.ts';

export type RegisterSettings = Pick<Config, 'DISCORD_TOKEN' | 'DISCORD_APPLICATION_ID' | 'DISCORD_API_URL' | 'DISCORD_GUILD_ID'>;

export interface RegisteredCommands {
  scope: 'guild' | 'global';
  names: string[];
}

/**
 * Overwrites the application's slash commands with Homeroom's: in one guild
 * when DISCORD_GUILD_ID is set (they appear at once), else globally. The
 * overwrite replaces the whole list, so running it again changes nothing.
 */
export async function registerDiscordCommands(settings: RegisterSettings): Promise<RegisteredCommands> {
  const { DISCORD_TOKEN: token, DISCORD_APPLICATION_ID: applicationId, DISCORD_GUILD_ID: guildId } = settings;
  if (!token || !applicationId) {
    throw new Error('Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register the Discord commands.');
  }
  const rest = new REST(settings.DISCORD_API_URL ? { api: settings.DISCORD_API_URL } : {}).setToken(token);
  const route = guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId);
  const registered = (await rest.put(route, { body: buildCommandDefinitions() })) as RESTPutAPIApplicationCommandsResult;

  return { scope: guildId ? 'guild' : 'global', names: registered.map((command) => command.name) };
}
