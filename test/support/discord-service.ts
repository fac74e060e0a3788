import { randomBytes } from 'node:crypto';
import { InteractionResponseType, MessageFlags } from 'discord.js';
import { createPlatformAdapters } from '../../adapters/index.ts';
import type { DiscordAdapter } from '../../adapters/discord/discord-adapter.ts';
import { registerDiscordCommands } from '../../adapters/discord/register-commands.ts';
import { loadConfig } from '../../src/config.ts';
import type { Role } from '../../src/db/generated/enums.ts';
import { createLinkCodes } from '../../src/linking/link-codes.ts';
import { createLogger } from '../../src/logger.ts';
import { importRoster } from '../../src/roster/import-roster.ts';
import { startService, type RunningService } from '../../src/service.ts';
import { startFakeDiscord, type FakeDiscord, type StoredMessage } from '../fakes/discord/server.ts';
import { createPostgresDatabase, type TestDatabase } from './database.ts';
import { rosterPackageDir } from './slack-service.ts';

export interface DiscordStudent {
  personId: string;
  givenName: string;
  discordId: string;
  dmChannelId: string;
}

export interface DiscordServiceHarness {
  fake: FakeDiscord;
  db: TestDatabase;
  service: RunningService;
  adapter: DiscordAdapter;
  guildId: string;
  baseUrl: string;
  stop(): Promise<void>;
}

export interface DiscordServiceOptions {
  rosterDir?: string;
  readyGraceSeconds?: number;
}

/**
 * Starts the whole service against a fake Discord and a fresh PostgreSQL
 * database holding the imported roster, with the slash commands registered
 * in the fake's guild by `discord register`'s own code.
 */
export async function startDiscordService(options: DiscordServiceOptions = {}): Promise<DiscordServiceHarness> {
  const fake = await startFakeDiscord();
  const guild = fake.addGuild({ name: 'Homeroom School', channels: [{ name: 'advisory' }] });
  const db = await createPostgresDatabase();
  await importRoster(db.prisma, options.rosterDir ?? rosterPackageDir(), { defaultTimeZone: 'America/New_York' });

  const config = loadConfig({
    DATABASE_URL: db.url,
    PORT: '0',
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    QUEUE_PREFIX: `homeroom-test-${randomBytes(4).toString('hex')}`,
    DISCORD_TOKEN: fake.token,
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    DISCORD_GUILD_ID: guild.id,
    DISCORD_READY_GRACE_SECONDS: String(options.readyGraceSeconds ?? 180),
    // Sweeps run only when a test starts one.
    SWEEP_CRON: '0 0 1 1 *',
    LOG_LEVEL: 'silent',
  });
  await registerDiscordCommands(config);
  const service = await startService(config, createLogger('silent'), createPlatformAdapters);
  const adapter = service.runtime.adapters.find((candidate) => candidate.name === 'discord') as DiscordAdapter;

  return {
    fake,
    db,
    service,
    adapter,
    guildId: guild.id,
    baseUrl: `http://127.0.0.1:${service.port}`,
    async stop() {
      await service.runtime.queue.obliterate({ force: true });
      await service.stop();
      await db.destroy();
      await fake.close();
    },
  };
}

/**
 * Returns the messages that respond to an interaction once the bot has sent
 * them: a direct reply, or the edit of a deferred one, and any follow-ups.
 */
export async function interactionAnswer(
  fake: FakeDiscord,
  interaction: { id: string; channelId: string },
  timeoutMs = 10_000,
): Promise<StoredMessage[]> {
  const messages = await fake.waitFor(() => {
    const answered = fake
      .callbacks(interaction.id)
      .some(
        (record) =>
          (record.kind === 'callback' && record.type === InteractionResponseType.ChannelMessageWithSource && record.status < 300) ||
          (record.kind === 'editMessage' && record.status < 300),
      );
    if (!answered) return undefined;

    return fake.messagesIn(interaction.channelId).filter((message) => message.interactionId === interaction.id);
  }, timeoutMs);

  return messages ?? [];
}

/** Returns the text of an interaction's response, its parts joined by line breaks. */
export async function interactionAnswerText(fake: FakeDiscord, interaction: { id: string; channelId: string }): Promise<string> {
  const messages = await interactionAnswer(fake, interaction);

  return messages.map((message) => message.content).join('\n');
}

/** Returns whether a stored message is still the "thinking…" state of a deferred reply. */
export function isLoading(message: StoredMessage): boolean {
  return (message.flags & MessageFlags.Loading) !== 0;
}

/**
 * Adds a fake Discord user for every active person with the role, issues
 * link codes and has each person run `/link CODE` in the bot's DM. Returns
 * the linked people. Issuing codes withdraws a school's unused ones, so
 * link one role completely before the next.
 */
export async function linkPeople(harness: DiscordServiceHarness, role: Role = 'student'): Promise<DiscordStudent[]> {
  const { fake, db } = harness;
  const people = await db.prisma.person.findMany({
    where: { active: true, roles: { has: role } },
    orderBy: { sourcedId: 'asc' },
  });
  const codesBySchool = new Map<string, Map<string, string>>();
  const students: DiscordStudent[] = [];
  for (const person of people) {
    let codes = codesBySchool.get(person.schoolId);
    if (!codes) {
      const issued = await createLinkCodes(db.prisma, { schoolId: person.schoolId, now: new Date(), ttlHours: 24 });
      codes = new Map(issued.map((entry) => [entry.personId, entry.code]));
      codesBySchool.set(person.schoolId, codes);
    }
    const user = fake.addUser({ username: `${role}-${students.length + 1}`, globalName: person.givenName });
    const linked = fake.dispatchInteraction({
      kind: 'command',
      name: 'link',
      userId: user.id,
      options: { code: codes.get(person.id)! },
    });
    await interactionAnswer(fake, linked);
    students.push({ personId: person.id, givenName: person.givenName, discordId: user.id, dmChannelId: fake.dmChannelFor(user.id) });
  }

  return students;
}
