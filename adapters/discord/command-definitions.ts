import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPutAPIApplicationCommandsJSONBody,
} from 'discord.js';
import { t } from '../../src/i18n/index.ts';

// Options of /plan. The person option arrives as a user id; the text option
// names someone by name or e-mail address.
export const PLAN_PERSON_OPTION = 'person';
export const TEXT_OPTION = 'text';
export const LINK_CODE_OPTION = 'code';

// Discord's limit for an option's description.
const DESCRIPTION_MAX = 100;

// Usable in guilds and in the bot's DM, for a guild-installed app.
const scope = {
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

function describe(key: string): string {
  return t(key).slice(0, DESCRIPTION_MAX);
}

/**
 * Builds the slash commands as Discord's bulk-overwrite endpoint takes them.
 * Registration and the tests share this list, so they cannot drift apart.
 */
export function buildCommandDefinitions(): RESTPutAPIApplicationCommandsJSONBody {
  return [
    {
      type: ApplicationCommandType.ChatInput,
      name: 'plan',
      description: describe('discord:commands.plan.description'),
      ...scope,
      options: [
        {
          type: ApplicationCommandOptionType.User,
          name: PLAN_PERSON_OPTION,
          description: describe('discord:commands.plan.person'),
          required: false,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: TEXT_OPTION,
          description: describe('discord:commands.plan.text'),
          required: false,
        },
      ],
    },
    {
      type: ApplicationCommandType.ChatInput,
      name: 'goal',
      description: describe('discord:commands.goal.description'),
      ...scope,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: TEXT_OPTION,
          description: describe('discord:commands.goal.text'),
          required: true,
        },
      ],
    },
    {
      type: ApplicationCommandType.ChatInput,
      name: 'reflect',
      description: describe('discord:commands.reflect.description'),
      ...scope,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: TEXT_OPTION,
          description: describe('discord:commands.reflect.text'),
          required: false,
        },
      ],
    },
    {
      type: ApplicationCommandType.ChatInput,
      name: 'link',
      description: describe('discord:commands.link.description'),
      ...scope,
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: LINK_CODE_OPTION,
          description: describe('discord:commands.link.code'),
          required: true,
        },
      ],
    },
  ];
}
