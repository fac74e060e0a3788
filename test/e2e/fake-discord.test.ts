import { once } from 'node:events';
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  ChannelType,
  Client,
  DiscordAPIError,
  Events,
  GatewayIntentBits,
  InteractionResponseType,
  ModalBuilder,
  Partials,
  RESTJSONErrorCodes,
  Routes,
  TextInputBuilder,
  TextInputStyle,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type Message,
  type ModalSubmitInteraction,
  type RateLimitData,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startFakeDiscord, type FakeDiscord, type FakeDiscordOptions } from '../fakes/discord/server.ts';

const STUDENT_ID = '300000000000000001';
const GUILD_ID = '400000000000000001';
const ADVISORY_CHANNEL_ID = '400000000000000002';
const EVENT_TIMEOUT_MS = 10_000;

let fake: FakeDiscord | undefined;
const clients: Client[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) await client.destroy();
  await fake?.close();
  fake = undefined;
});

async function startFake(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  fake = await startFakeDiscord({
    users: [{ id: STUDENT_ID, username: 'ada', globalName: 'Ada' }],
    guilds: [
      {
        id: GUILD_ID,
        name: 'Lincoln High',
        channels: [{ id: ADVISORY_CHANNEL_ID, name: 'advisory-7b' }],
        memberIds: [STUDENT_ID],
      },
    ],
    ...options,
  });
  return fake;
}

/** Creates a client configured like the product adapter: Guilds and DirectMessages intents, Channel partial. */
function createClient(
  server: FakeDiscord,
  intents = [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
): Client {
  const client = new Client({ intents, partials: [Partials.Channel], rest: { api: server.apiUrl } });
  clients.push(client);
  return client;
}

async function loginClient(server: FakeDiscord, intents?: GatewayIntentBits[]): Promise<Client> {
  const client = createClient(server, intents);
  const ready = nextEvent(client, Events.ClientReady);
  await client.login(server.token);
  await ready;
  return client;
}

/** Resolves with the first argument of the next `event`, or rejects after a bounded wait. */
async function nextEvent<T>(client: Client, event: string, timeoutMs = EVENT_TIMEOUT_MS): Promise<T> {
  try {
    const [value] = await once(client, event, { signal: AbortSignal.timeout(timeoutMs) });
    return value as T;
  } catch (error) {
    throw new Error(`discord.js emitted no ${event} event within ${timeoutMs} ms`, { cause: error });
  }
}

async function nextCommand(client: Client): Promise<ChatInputCommandInteraction> {
  const interaction = await nextEvent<Interaction>(client, Events.InteractionCreate);
  if (!interaction.isChatInputCommand())
    throw new Error(`Expected a slash command, got interaction type ${interaction.type}`);
  return interaction;
}

describe('fake Discord with the real discord.js client', () => {
  it('login reaches ready', async () => {
    const server = await startFake();
    const client = await loginClient(server);

    expect(client.user?.id).toBe(server.botUser.id);
    expect(client.application?.id).toBe(server.applicationId);
    expect(client.guilds.cache.get(GUILD_ID)?.name).toBe('Lincoln High');
    expect(client.channels.cache.get(ADVISORY_CHANNEL_ID)?.type).toBe(ChannelType.GuildText);
    expect(server.calls.map((call) => `${call.method} ${call.path}`)).toContain('GET /gateway/bot');
    expect(server.gatewayEvents.connections[0]).toMatchObject({ path: '/', version: '10', encoding: 'json' });
    expect(server.gatewayEvents.identifies).toHaveLength(1);
    expect(server.gatewayEvents.identifies[0]?.intents).toBe(
      GatewayIntentBits.Guilds | GatewayIntentBits.DirectMessages,
    );
    expect(server.internalErrors).toEqual([]);
  });

  it('DM reaches messageCreate with the Channel partial', async () => {
    const server = await startFake();
    const client = await loginClient(server);

    const received = nextEvent<Message>(client, Events.MessageCreate);
    const dispatched = server.dispatchMessageCreate({
      authorId: STUDENT_ID,
      content: 'This week I finished my essay.',
    });
    const message = await received;

    expect(dispatched.sessions).toBe(1);
    expect(message.id).toBe(dispatched.id);
    expect(message.content).toBe('This week I finished my essay.');
    expect(message.author.id).toBe(STUDENT_ID);
    expect(message.channel.type).toBe(ChannelType.DM);
    expect(message.channelId).toBe(server.dmChannelFor(STUDENT_ID));
    expect(message.guildId).toBeNull();

    if (!message.channel.isSendable()) throw new Error('DM channel is not sendable');
    await message.channel.send('Thanks, your reflection is in your portfolio.');
    const stored = server.messagesIn(message.channelId);
    expect(stored.map((entry) => entry.content)).toEqual([
      'This week I finished my essay.',
      'Thanks, your reflection is in your portfolio.',
    ]);
    expect(stored[1]?.authorId).toBe(server.botUser.id);
  });

  it('DM is not delivered without the DirectMessages intent', async () => {
    const server = await startFake();
    await loginClient(server, [GatewayIntentBits.Guilds]);

    const dispatched = server.dispatchMessageCreate({ authorId: STUDENT_ID, content: 'hello?' });

    expect(dispatched.sessions).toBe(0);
    expect(server.messagesIn(dispatched.channelId)).toHaveLength(1);
  });

  it('user.send posts to the DM channel', async () => {
    const server = await startFake();
    const client = await loginClient(server);

    const user = await client.users.fetch(STUDENT_ID);
    const first = await user.send({
      content: 'Time for your weekly reflection.',
      embeds: [{ title: 'Week 12' }],
      allowedMentions: { parse: [] },
    });
    const second = await user.send('Reply here when you are ready.');

    const dmChannelId = server.dmChannelFor(STUDENT_ID);
    expect(first.channelId).toBe(dmChannelId);
    expect(server.calls.filter((call) => call.method === 'POST').map((call) => call.path)).toEqual([
      '/users/@me/channels',
      `/channels/${dmChannelId}/messages`,
      `/channels/${dmChannelId}/messages`,
    ]);
    const [stored] = server.messagesIn(dmChannelId);
    expect(stored?.content).toBe('Time for your weekly reflection.');
    expect(stored?.embeds).toEqual([expect.objectContaining({ title: 'Week 12' })]);
    expect(stored?.allowedMentions).toEqual({ parse: [] });

    const later = await user.dmChannel!.messages.fetch({ after: first.id, limit: 10 });
    expect([...later.keys()]).toEqual([second.id]);
  });

  it('slash command defers then edits the reply', async () => {
    const server = await startFake();
    const client = await loginClient(server);

    const received = nextCommand(client);
    const { id, token, channelId } = server.dispatchInteraction({
      kind: 'command',
      name: 'goal',
      userId: STUDENT_ID,
      subcommand: 'add',
      options: { title: 'Read 5 books', due: '2026-06-01' },
    });
    const interaction = await received;

    expect(interaction.id).toBe(id);
    expect(interaction.commandName).toBe('goal');
    expect(interaction.options.getSubcommand()).toBe('add');
    expect(interaction.options.getString('title')).toBe('Read 5 books');
    expect(interaction.user.id).toBe(STUDENT_ID);
    expect(interaction.inGuild()).toBe(false);

    await interaction.deferReply();
    await interaction.editReply('Goal added: Read 5 books');

    const records = server.callbacks(id);
    expect(records.map((record) => [record.kind, record.type, record.messageId, record.status])).toEqual([
      ['callback', InteractionResponseType.DeferredChannelMessageWithSource, undefined, 204],
      ['editMessage', undefined, '@original', 200],
    ]);
    const reply = server.messagesIn(channelId).at(-1);
    expect(reply?.content).toBe('Goal added: Read 5 books');
    expect(reply?.interactionId).toBe(id);

    // discord.js refuses a second reply locally; Discord refuses it too when it is sent anyway.
    await expect(interaction.reply('again')).rejects.toMatchObject({ code: 'InteractionAlreadyReplied' });
    const secondCallback = client.rest.post(Routes.interactionCallback(id, token), {
      auth: false,
      body: { type: InteractionResponseType.ChannelMessageWithSource, data: { content: 'again' } },
    });
    await expect(secondCallback).rejects.toBeInstanceOf(DiscordAPIError);
    await expect(secondCallback).rejects.toMatchObject({
      status: 400,
      code: RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged,
      message: 'Interaction has already been acknowledged',
    });
    expect(server.callbacks(id).at(-1)).toMatchObject({ kind: 'callback', status: 400, errorCode: 40060 });
  });

  it('second client reply gets 40060', async () => {
    const server = await startFake();
    const first = await loginClient(server);
    const second = await loginClient(server);

    const receivedFirst = nextCommand(first);
    const receivedSecond = nextCommand(second);
    const { sessions } = server.dispatchInteraction({
      kind: 'command',
      name: 'plan',
      userId: STUDENT_ID,
      guildId: GUILD_ID,
    });
    const [interactionFirst, interactionSecond] = await Promise.all([receivedFirst, receivedSecond]);

    expect(sessions).toBe(2);
    expect(interactionFirst.inGuild()).toBe(true);
    expect(interactionFirst.member?.user.id).toBe(STUDENT_ID);
    await interactionFirst.reply('Your plan');
    const error: unknown = await interactionSecond.reply('Your plan').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).code).toBe(RESTJSONErrorCodes.InteractionHasAlreadyBeenAcknowledged);
    expect(server.messagesIn(ADVISORY_CHANNEL_ID).map((message) => message.content)).toEqual(['Your plan']);
  });

  it('late callback gets 10062', async () => {
    const server = await startFake({ interactionAcknowledgeMs: 100 });
    const client = await loginClient(server);

    const received = nextCommand(client);
    server.dispatchInteraction({ kind: 'command', name: 'plan', userId: STUDENT_ID });
    const interaction = await received;
    await new Promise((resolve) => setTimeout(resolve, 200));

    await expect(interaction.reply('too late')).rejects.toMatchObject({
      status: 404,
      code: RESTJSONErrorCodes.UnknownInteraction,
    });
  });

  it('button updates its message and a modal submit replies', async () => {
    const server = await startFake();
    const client = await loginClient(server);

    const channel = client.channels.cache.get(ADVISORY_CHANNEL_ID);
    if (!channel?.isSendable()) throw new Error('advisory channel is not sendable');
    const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
      new ButtonBuilder().setCustomId('meeting:yes').setLabel('We met').setStyle(ButtonStyle.Success),
    );
    const prompt = await channel.send({ content: 'Did you meet your mentor?', components: [row] });

    const buttonReceived = nextEvent<ButtonInteraction>(client, Events.InteractionCreate);
    const button = server.dispatchInteraction({
      kind: 'button',
      customId: 'meeting:yes',
      userId: STUDENT_ID,
      guildId: GUILD_ID,
      channelId: ADVISORY_CHANNEL_ID,
    });
    const buttonInteraction = await buttonReceived;
    expect(buttonInteraction.isButton()).toBe(true);
    expect(buttonInteraction.customId).toBe('meeting:yes');
    expect(buttonInteraction.message.id).toBe(prompt.id);

    await buttonInteraction.showModal(
      new ModalBuilder()
        .setCustomId('meeting-note')
        .setTitle('Meeting note')
        .addComponents(
          new ActionRowBuilder<TextInputBuilder>().addComponents(
            new TextInputBuilder().setCustomId('note').setLabel('Note').setStyle(TextInputStyle.Paragraph),
          ),
        ),
    );
    expect(server.callbacks(button.id).map((record) => [record.type, record.status])).toEqual([
      [InteractionResponseType.Modal, 204],
    ]);

    const modalReceived = nextEvent<ModalSubmitInteraction>(client, Events.InteractionCreate);
    const modal = server.dispatchInteraction({
      kind: 'modalSubmit',
      customId: 'meeting-note',
      fields: { note: 'Talked about college essays.' },
      userId: STUDENT_ID,
      guildId: GUILD_ID,
      channelId: ADVISORY_CHANNEL_ID,
      messageId: prompt.id,
    });
    const modalInteraction = await modalReceived;
    expect(modalInteraction.isModalSubmit()).toBe(true);
    expect(modalInteraction.fields.getTextInputValue('note')).toBe('Talked about college essays.');

    if (!modalInteraction.isFromMessage()) throw new Error('modal submit should come from the prompt message');
    await modalInteraction.update({ content: 'Meeting recorded.', components: [] });
    expect(server.callbacks(modal.id).map((record) => [record.type, record.status])).toEqual([
      [InteractionResponseType.UpdateMessage, 204],
    ]);
    const updated = server.messagesIn(ADVISORY_CHANNEL_ID).find((message) => message.id === prompt.id);
    expect(updated?.content).toBe('Meeting recorded.');
    expect(updated?.components).toEqual([]);
  });

  it('DM to a user with closed DMs raises 50007', async () => {
    const server = await startFake();
    const client = await loginClient(server);
    server.closeDms(STUDENT_ID);

    const user = await client.users.fetch(STUDENT_ID);
    const error: unknown = await user.send('Weekly reflection').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(DiscordAPIError);
    expect((error as DiscordAPIError).status).toBe(403);
    expect((error as DiscordAPIError).code).toBe(RESTJSONErrorCodes.CannotSendMessagesToThisUser);
    expect((error as DiscordAPIError).message).toBe('Cannot send messages to this user');
    expect(server.messagesIn(server.dmChannelFor(STUDENT_ID))).toEqual([]);
  });

  it('429 is waited out and retried', async () => {
    const server = await startFake();
    const client = await loginClient(server);
    const rateLimits: RateLimitData[] = [];
    client.rest.on('rateLimited', (data) => rateLimits.push(data));
    server.failNext('POST /channels/:channelId/messages', { status: 429, retryAfter: 0.3 });

    const user = await client.users.fetch(STUDENT_ID);
    const sent = await user.send('Reminder: your milestone is due Friday.');

    const posts = server.calls.filter((call) => call.method === 'POST' && call.path.endsWith('/messages'));
    expect(posts.map((call) => call.status)).toEqual([429, 200]);
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(300);
    expect(rateLimits).toHaveLength(1);
    expect(rateLimits[0]?.retryAfter).toBeGreaterThanOrEqual(300);
    expect(server.messagesIn(sent.channelId).map((message) => message.content)).toEqual([
      'Reminder: your milestone is due Friday.',
    ]);
  });

  it('resumable reconnect resumes and replays missed events', async () => {
    const server = await startFake();
    const client = await loginClient(server);

    const received = nextEvent<Message>(client, Events.MessageCreate);
    expect(server.forceReconnect({ resumable: true })).toBe(1);
    // Sent while the client reconnects, so it can only arrive through the resume's replay.
    server.dispatchMessageCreate({ authorId: STUDENT_ID, content: 'sent during the reconnect' });
    const message = await received;

    expect(message.content).toBe('sent during the reconnect');
    expect(server.gatewayEvents.identifies).toHaveLength(1);
    expect(server.gatewayEvents.resumes).toEqual([expect.objectContaining({ accepted: true, replayed: 1 })]);
    expect(server.gatewayEvents.connections.at(-1)?.path).toBe('/resume');

    const next = nextEvent<Message>(client, Events.MessageCreate);
    server.dispatchMessageCreate({ authorId: STUDENT_ID, content: 'after the resume' });
    expect((await next).content).toBe('after the resume');
  });

  it('invalidated session re-identifies', { timeout: 20_000 }, async () => {
    const server = await startFake();
    const client = await loginClient(server);

    server.forceReconnect({ resumable: false });
    // discord.js waits up to 6.5 s between identifies of one shard, so this wait is long.
    await server.waitFor(() => server.gatewayEvents.identifies.length === 2, 15_000);

    expect(server.gatewayEvents.invalidSessions).toBe(1);
    expect(server.gatewayEvents.resumes[0]?.accepted).toBe(false);
    const received = nextEvent<Message>(client, Events.MessageCreate);
    server.dispatchMessageCreate({ authorId: STUDENT_ID, content: 'after re-identify' });
    expect((await received).content).toBe('after re-identify');
  });

  it('gateway outage reconnects afterwards', { timeout: 20_000 }, async () => {
    const server = await startFake();
    const client = await loginClient(server);
    const connectionsBefore = server.gatewayEvents.connections.length;

    await server.disconnectFor(1_000);
    // @discordjs/ws 1.2 drops its session after a refused connection, so it identifies again instead of resuming.
    await server.waitFor(() => server.gatewayEvents.identifies.length === 2, 15_000);

    expect(server.gatewayEvents.closes.some((close) => close.code === 1006)).toBe(true);
    expect(server.gatewayEvents.connections.length).toBeGreaterThan(connectionsBefore);
    const received = nextEvent<Message>(client, Events.MessageCreate);
    server.dispatchMessageCreate({ authorId: STUDENT_ID, content: 'after the outage' });
    expect((await received).content).toBe('after the outage');
  });

  it('registers guild and global commands', async () => {
    const server = await startFake();
    const client = await loginClient(server);
    const commands = [
      { name: 'plan', description: 'Show your learning plan' },
      {
        name: 'goal',
        description: 'Add or finish a goal',
        options: [{ type: 3, name: 'title', description: 'Goal title' }],
      },
    ];

    const guildRoute = Routes.applicationGuildCommands(server.applicationId, GUILD_ID);
    const created = (await client.rest.put(guildRoute, { body: commands })) as Array<{
      id: string;
      name: string;
      version: string;
    }>;
    const again = (await client.rest.put(guildRoute, { body: commands })) as Array<{ id: string; version: string }>;
    const listed = (await client.rest.get(guildRoute)) as Array<{ id: string; guild_id: string }>;

    expect(created.map((command) => command.name)).toEqual(['plan', 'goal']);
    expect(again.map((command) => command.id)).toEqual(created.map((command) => command.id));
    expect(again.map((command) => command.version)).toEqual(created.map((command) => command.version));
    expect(listed.map((command) => command.id)).toEqual(created.map((command) => command.id));
    expect(listed[0]?.guild_id).toBe(GUILD_ID);

    const global = (await client.rest.put(Routes.applicationCommands(server.applicationId), {
      body: commands.slice(0, 1),
    })) as Array<{ id: string }>;
    expect(server.commands().map((command) => command.id)).toEqual(global.map((command) => command.id));

    const invalid = client.rest.put(guildRoute, { body: [{ name: 'Plan', description: 'uppercase name' }] });
    await expect(invalid).rejects.toMatchObject({ status: 400, code: RESTJSONErrorCodes.InvalidFormBodyOrContentType });

    const received = nextCommand(client);
    server.dispatchInteraction({
      kind: 'command',
      name: 'goal',
      userId: STUDENT_ID,
      guildId: GUILD_ID,
      options: { title: 'Finish FAFSA' },
    });
    const interaction = await received;
    expect(interaction.commandId).toBe(created[1]?.id);
    expect(interaction.commandGuildId).toBe(GUILD_ID);
  });

  it('heartbeats are acknowledged', async () => {
    const server = await startFake({ heartbeatIntervalMs: 200 });
    const client = await loginClient(server);

    await server.waitFor(() => server.gatewayEvents.heartbeats >= 2, 5_000);
    await server.waitFor(() => client.ws.ping >= 0, 5_000);

    expect(client.ws.ping).toBeGreaterThanOrEqual(0);
  });
});

describe('fake Discord protocol checks', () => {
  it('REST rejects a wrong token with 401', async () => {
    const server = await startFake();

    const wrong = await fetch(`${server.apiUrl}/v10/users/@me`, { headers: { Authorization: 'Bot wrong-token' } });
    const right = await fetch(`${server.apiUrl}/v10/users/@me`, { headers: { Authorization: `Bot ${server.token}` } });

    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual({ message: '401: Unauthorized', code: 0 });
    expect(right.status).toBe(200);
    expect(right.headers.get('x-ratelimit-bucket')).toMatch(/^[0-9a-f]{32}$/);
    expect(((await right.json()) as { id: string }).id).toBe(server.botUser.id);
  });

  it('gateway closes 4004 for a wrong token', async () => {
    const server = await startFake();
    const socket = new WebSocket(`${server.gatewayUrl}?v=10&encoding=json`);
    const hello = (await once(socket, 'message', { signal: AbortSignal.timeout(EVENT_TIMEOUT_MS) }))[0] as Buffer;
    expect(JSON.parse(hello.toString())).toMatchObject({ op: 10, d: { heartbeat_interval: 41_250 } });

    socket.send(JSON.stringify({ op: 2, d: { token: 'wrong', intents: 0, properties: {} } }));
    const [code] = (await once(socket, 'close', { signal: AbortSignal.timeout(EVENT_TIMEOUT_MS) })) as [number];

    expect(code).toBe(4004);
  });

  it('gateway rejects ETF and ignores compress', async () => {
    const server = await startFake();

    const etf = new WebSocket(`${server.gatewayUrl}?v=10&encoding=etf`);
    const [error] = (await once(etf, 'error', { signal: AbortSignal.timeout(EVENT_TIMEOUT_MS) })) as [Error];
    expect(error.message).toBe('Unexpected server response: 400');

    const compressed = new WebSocket(`${server.gatewayUrl}?v=10&encoding=json&compress=zlib-stream`);
    const [data, isBinary] = (await once(compressed, 'message', { signal: AbortSignal.timeout(EVENT_TIMEOUT_MS) })) as [
      Buffer,
      boolean,
    ];
    expect(isBinary).toBe(false);
    expect(JSON.parse(data.toString())).toMatchObject({ op: 10 });
    expect(server.gatewayEvents.connections.at(-1)?.compress).toBe('zlib-stream');
    compressed.close();
  });
});
