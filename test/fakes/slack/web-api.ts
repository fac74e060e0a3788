import type {
  AddChannelInput,
  AddUserInput,
  FakeSlackChannel,
  FakeSlackEphemeralMessage,
  FakeSlackMessage,
  FakeSlackUser,
  SlackRequestBody,
  SlackResponseBody,
} from './types.ts';

/** Identity of the fake workspace and its one installed app. */
export interface WorkspaceIdentity {
  teamId: string;
  teamName: string;
  appId: string;
  botId: string;
  botUserId: string;
  firstTsSeconds: number;
}

interface StoredView {
  id: string;
  team_id: string;
  type: string;
  blocks: unknown[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  hash: string;
  root_view_id: string;
  previous_view_id: string | null;
  app_id: string;
  bot_id: string;
  [field: string]: unknown;
}

type MethodHandler = (body: SlackRequestBody) => SlackResponseBody;

// Slack rejects message text longer than this with `msg_too_long`.
const maxMessageTextLength = 40_000;

/**
 * The state behind the Web API methods: users, channels, messages and views.
 * Every handler is a few map look-ups, so a benchmark's 10,000 posts stay cheap.
 */
export class SlackWorkspace {
  readonly identity: WorkspaceIdentity;

  private readonly usersById = new Map<string, FakeSlackUser>();
  private readonly usersByEmail = new Map<string, FakeSlackUser>();
  private readonly usersByDmChannel = new Map<string, FakeSlackUser>();
  private readonly channelsById = new Map<string, FakeSlackChannel>();
  private readonly channelsByName = new Map<string, FakeSlackChannel>();
  private readonly openedDms = new Set<string>();
  private readonly multiPartyDms = new Map<string, string>();
  private readonly multiPartyDmIds = new Set<string>();
  private readonly messagesByChannel = new Map<string, FakeSlackMessage[]>();
  private readonly messagesByKey = new Map<string, FakeSlackMessage>();
  private readonly viewsById = new Map<string, StoredView>();
  private readonly viewsByExternalId = new Map<string, StoredView>();
  private readonly homeViews = new Map<string, StoredView>();
  readonly ephemeralMessages: FakeSlackEphemeralMessage[] = [];

  private userCounter = 0;
  private channelCounter = 0;
  private viewCounter = 0;
  // Never reset, so `ts` values stay unique and increasing across `reset()`.
  private tsCounter = 0;

  readonly handlers: ReadonlyMap<string, MethodHandler>;

  constructor(identity: WorkspaceIdentity) {
    this.identity = identity;
    this.handlers = new Map<string, MethodHandler>([
      ['auth.test', () => this.authTest()],
      ['users.lookupByEmail', (body) => this.usersLookupByEmail(body)],
      ['users.info', (body) => this.usersInfo(body)],
      ['conversations.open', (body) => this.conversationsOpen(body)],
      ['chat.postMessage', (body) => this.chatPostMessage(body)],
      ['chat.postEphemeral', (body) => this.chatPostEphemeral(body)],
      ['chat.update', (body) => this.chatUpdate(body)],
      ['views.open', (body) => this.viewsOpen(body)],
      ['views.update', (body) => this.viewsUpdate(body)],
      ['views.publish', (body) => this.viewsPublish(body)],
    ]);
  }

  addUser(input: AddUserInput): FakeSlackUser {
    this.userCounter += 1;
    const id = input.id ?? `U${String(this.userCounter).padStart(8, '0')}`;
    if (this.usersById.has(id)) {
      throw new Error(`Fake Slack already has a user with ID ${id}; pass another id or none.`);
    }
    const emailKey = input.email.toLowerCase();
    if (this.usersByEmail.has(emailKey)) {
      throw new Error(`Fake Slack already has a user with e-mail ${input.email}.`);
    }
    const name = input.name ?? input.email.split('@')[0] ?? id.toLowerCase();
    const user: FakeSlackUser = {
      id,
      teamId: this.identity.teamId,
      name,
      realName: input.realName ?? name,
      email: input.email,
      deleted: input.deleted ?? false,
      tz: input.tz ?? 'America/New_York',
      dmChannelId: `D${id.slice(1)}`,
    };
    this.usersById.set(id, user);
    this.usersByEmail.set(emailKey, user);
    this.usersByDmChannel.set(user.dmChannelId, user);
    return user;
  }

  getUser(id: string): FakeSlackUser | undefined {
    return this.usersById.get(id);
  }

  addChannel(input: AddChannelInput): FakeSlackChannel {
    this.channelCounter += 1;
    const isPrivate = input.isPrivate ?? false;
    const id = input.id ?? `${isPrivate ? 'G' : 'C'}${String(this.channelCounter).padStart(8, '0')}`;
    if (this.channelsById.has(id)) {
      throw new Error(`Fake Slack already has a channel with ID ${id}; pass another id or none.`);
    }
    const channel: FakeSlackChannel = {
      id,
      name: input.name.replace(/^#/, ''),
      isPrivate,
      isArchived: input.isArchived ?? false,
      isMember: input.isMember ?? true,
    };
    this.channelsById.set(id, channel);
    this.channelsByName.set(channel.name, channel);
    return channel;
  }

  getChannel(id: string): FakeSlackChannel | undefined {
    return this.channelsById.get(id);
  }

  /** Returns the messages posted to a channel ID, or to the DM of a user ID, oldest first. */
  messagesTo(userOrChannelId: string): FakeSlackMessage[] {
    const user = this.usersById.get(userOrChannelId);
    const channelId = user ? user.dmChannelId : userOrChannelId;
    return [...(this.messagesByChannel.get(channelId) ?? [])];
  }

  /** Returns the view last published to a user's App Home, if any. */
  homeViewOf(userId: string): Record<string, unknown> | undefined {
    return this.homeViews.get(userId);
  }

  getView(viewId: string): Record<string, unknown> | undefined {
    return this.viewsById.get(viewId);
  }

  /** Forgets messages, views and opened DMs, and also users and channels when `directory` is true. */
  reset(directory: boolean): void {
    this.openedDms.clear();
    this.multiPartyDms.clear();
    this.multiPartyDmIds.clear();
    this.messagesByChannel.clear();
    this.messagesByKey.clear();
    this.viewsById.clear();
    this.viewsByExternalId.clear();
    this.homeViews.clear();
    this.ephemeralMessages.length = 0;
    if (directory) {
      this.usersById.clear();
      this.usersByEmail.clear();
      this.usersByDmChannel.clear();
      this.channelsById.clear();
      this.channelsByName.clear();
    }
  }

  private authTest(): SlackResponseBody {
    const { teamId, teamName, botUserId, botId } = this.identity;
    return {
      ok: true,
      url: `https://${teamName}.slack.com/`,
      team: teamName,
      user: 'homeroom',
      team_id: teamId,
      user_id: botUserId,
      bot_id: botId,
      is_enterprise_install: false,
    };
  }

  private usersLookupByEmail(body: SlackRequestBody): SlackResponseBody {
    const email = stringField(body, 'email');
    if (email === undefined) {
      return failure('invalid_arguments');
    }
    const user = this.usersByEmail.get(email.toLowerCase());
    if (!user) {
      return failure('users_not_found');
    }
    return { ok: true, user: this.userObject(user) };
  }

  private usersInfo(body: SlackRequestBody): SlackResponseBody {
    const user = this.usersById.get(stringField(body, 'user') ?? '');
    if (!user) {
      return failure('user_not_found');
    }
    return { ok: true, user: this.userObject(user) };
  }

  private conversationsOpen(body: SlackRequestBody): SlackResponseBody {
    const resumed = stringField(body, 'channel');
    if (resumed !== undefined) {
      const known = this.usersByDmChannel.has(resumed) || this.multiPartyDmIds.has(resumed);
      return known ? { ok: true, no_op: true, already_open: true, channel: { id: resumed } } : failure('channel_not_found');
    }

    const userIds = (stringField(body, 'users') ?? '')
      .split(',')
      .map((id) => id.trim())
      .filter((id) => id !== '');
    if (userIds.length === 0) {
      return failure('users_list_not_supplied');
    }
    if (userIds.length > 8) {
      return failure('too_many_users');
    }
    const users: FakeSlackUser[] = [];
    for (const id of userIds) {
      const user = this.usersById.get(id);
      if (!user) {
        return failure('user_not_found');
      }
      if (user.deleted) {
        return failure('user_disabled');
      }
      users.push(user);
    }

    if (users.length > 1) {
      const key = userIds.toSorted().join(',');
      const existing = this.multiPartyDms.get(key);
      if (existing) {
        return { ok: true, no_op: true, already_open: true, channel: { id: existing } };
      }
      this.channelCounter += 1;
      const id = `G${String(this.channelCounter).padStart(8, '0')}`;
      this.multiPartyDms.set(key, id);
      this.multiPartyDmIds.add(id);
      return { ok: true, channel: { id } };
    }

    const user = users[0]!;
    const alreadyOpen = this.openedDms.has(user.id);
    this.openedDms.add(user.id);
    const channel = isTrue(body.return_im)
      ? {
          id: user.dmChannelId,
          created: this.identity.firstTsSeconds,
          is_im: true,
          is_org_shared: false,
          user: user.id,
          is_user_deleted: false,
          priority: 0,
        }
      : { id: user.dmChannelId };
    return alreadyOpen ? { ok: true, no_op: true, already_open: true, channel } : { ok: true, channel };
  }

  private chatPostMessage(body: SlackRequestBody): SlackResponseBody {
    const target = this.resolvePostTarget(stringField(body, 'channel'));
    if ('error' in target) {
      return failure(target.error);
    }
    const content = messageContent(body);
    if ('error' in content) {
      return failure(content.error);
    }

    const { teamId, botId, botUserId, appId } = this.identity;
    const message: FakeSlackMessage = {
      type: 'message',
      channel: target.channelId,
      ts: this.nextTs(),
      text: content.text,
      user: botUserId,
      bot_id: botId,
      app_id: appId,
      team: teamId,
    };
    if (content.blocks) message.blocks = content.blocks;
    if (content.attachments) message.attachments = content.attachments;
    const threadTs = stringField(body, 'thread_ts');
    if (threadTs !== undefined) message.thread_ts = threadTs;
    if (body.metadata !== undefined) message.metadata = body.metadata;

    let channelMessages = this.messagesByChannel.get(target.channelId);
    if (!channelMessages) {
      channelMessages = [];
      this.messagesByChannel.set(target.channelId, channelMessages);
    }
    channelMessages.push(message);
    this.messagesByKey.set(`${target.channelId}/${message.ts}`, message);

    const { channel: _channel, ...messageWithoutChannel } = message;
    return { ok: true, channel: target.channelId, ts: message.ts, message: messageWithoutChannel };
  }

  private chatPostEphemeral(body: SlackRequestBody): SlackResponseBody {
    const target = this.resolvePostTarget(stringField(body, 'channel'));
    if ('error' in target) {
      return failure(target.error);
    }
    const user = this.usersById.get(stringField(body, 'user') ?? '');
    if (!user) {
      return failure('user_not_found');
    }
    if (user.deleted) {
      return failure('user_disabled');
    }
    const content = messageContent(body);
    if ('error' in content) {
      return failure(content.error);
    }
    const ephemeral: FakeSlackEphemeralMessage = {
      channel: target.channelId,
      user: user.id,
      message_ts: this.nextTs(),
      text: content.text,
    };
    if (content.blocks) ephemeral.blocks = content.blocks;
    const threadTs = stringField(body, 'thread_ts');
    if (threadTs !== undefined) ephemeral.thread_ts = threadTs;
    this.ephemeralMessages.push(ephemeral);
    return { ok: true, message_ts: ephemeral.message_ts };
  }

  private chatUpdate(body: SlackRequestBody): SlackResponseBody {
    const target = this.resolvePostTarget(stringField(body, 'channel'));
    if ('error' in target) {
      return failure(target.error);
    }
    const ts = stringField(body, 'ts') ?? '';
    const message = this.messagesByKey.get(`${target.channelId}/${ts}`);
    if (!message) {
      return failure('message_not_found');
    }
    const content = messageContent(body);
    if ('error' in content) {
      return failure(content.error);
    }
    message.text = content.text;
    if (content.blocks) message.blocks = content.blocks;
    if (content.attachments) message.attachments = content.attachments;
    message.edited = { user: this.identity.botUserId, ts: this.nextTs() };

    const { channel: _channel, ...messageWithoutChannel } = message;
    return { ok: true, channel: target.channelId, ts, text: message.text, message: messageWithoutChannel };
  }

  private viewsOpen(body: SlackRequestBody): SlackResponseBody {
    if (stringField(body, 'trigger_id') === undefined && stringField(body, 'interactivity_pointer') === undefined) {
      return failure('invalid_arguments');
    }
    const view = viewField(body);
    if (!view) {
      return failure('invalid_arguments');
    }
    return { ok: true, view: this.storeView(view, undefined) };
  }

  private viewsUpdate(body: SlackRequestBody): SlackResponseBody {
    const view = viewField(body);
    if (!view) {
      return failure('invalid_arguments');
    }
    const viewId = stringField(body, 'view_id');
    const externalId = stringField(body, 'external_id');
    const existing = viewId !== undefined ? this.viewsById.get(viewId) : this.viewsByExternalId.get(externalId ?? '');
    if (!existing) {
      return failure('not_found');
    }
    const hash = stringField(body, 'hash');
    if (hash !== undefined && hash !== existing.hash) {
      return failure('hash_conflict');
    }
    return { ok: true, view: this.storeView(view, existing) };
  }

  private viewsPublish(body: SlackRequestBody): SlackResponseBody {
    const userId = stringField(body, 'user_id') ?? '';
    if (!this.usersById.has(userId)) {
      return failure('user_not_found');
    }
    const view = viewField(body);
    if (!view || view.type !== 'home') {
      return failure('invalid_arguments');
    }
    const existing = this.homeViews.get(userId);
    const hash = stringField(body, 'hash');
    if (existing && hash !== undefined && hash !== existing.hash) {
      return failure('hash_conflict');
    }
    const stored = this.storeView(view, existing);
    this.homeViews.set(userId, stored);
    return { ok: true, view: stored };
  }

  private storeView(view: Record<string, unknown>, existing: StoredView | undefined): StoredView {
    this.viewCounter += 1;
    const id = existing?.id ?? `V${String(this.viewCounter).padStart(8, '0')}`;
    const stored: StoredView = {
      ...view,
      id,
      team_id: this.identity.teamId,
      type: typeof view.type === 'string' ? view.type : 'modal',
      blocks: Array.isArray(view.blocks) ? view.blocks : [],
      private_metadata: typeof view.private_metadata === 'string' ? view.private_metadata : '',
      callback_id: typeof view.callback_id === 'string' ? view.callback_id : '',
      external_id: typeof view.external_id === 'string' ? view.external_id : '',
      state: { values: {} },
      // A fresh hash on every change, so a stale `hash` in views.update gets `hash_conflict`.
      hash: `${this.identity.firstTsSeconds}.${String(this.viewCounter).padStart(8, '0')}`,
      clear_on_close: view.clear_on_close === true,
      notify_on_close: view.notify_on_close === true,
      root_view_id: existing?.root_view_id ?? id,
      previous_view_id: null,
      app_id: this.identity.appId,
      app_installed_team_id: this.identity.teamId,
      bot_id: this.identity.botId,
    };
    this.viewsById.set(id, stored);
    if (stored.external_id !== '') {
      this.viewsByExternalId.set(stored.external_id, stored);
    }
    return stored;
  }

  /**
   * Resolves `channel` the way Slack does for a bot: a user ID means the bot's DM
   * with that user, and a name (with or without `#`) means the channel of that name.
   */
  private resolvePostTarget(channel: string | undefined): { channelId: string } | { error: string } {
    if (channel === undefined || channel === '') {
      return { error: 'channel_not_found' };
    }
    const user = this.usersById.get(channel) ?? this.usersByDmChannel.get(channel);
    if (user) {
      // NOTE: Slack's exact error for a DM with a deactivated user is not documented
      // for chat.postMessage; `user_disabled` is what conversations.open returns.
      return user.deleted ? { error: 'user_disabled' } : { channelId: user.dmChannelId };
    }
    if (this.multiPartyDmIds.has(channel)) {
      return { channelId: channel };
    }
    const named = this.channelsById.get(channel) ?? this.channelsByName.get(channel.replace(/^#/, ''));
    if (!named) {
      return { error: 'channel_not_found' };
    }
    if (named.isArchived) {
      return { error: 'is_archived' };
    }
    if (!named.isMember) {
      return { error: 'not_in_channel' };
    }
    return { channelId: named.id };
  }

  private nextTs(): string {
    this.tsCounter += 1;
    const micros = this.tsCounter * 100;
    const seconds = this.identity.firstTsSeconds + Math.floor(micros / 1_000_000);
    return `${seconds}.${String(micros % 1_000_000).padStart(6, '0')}`;
  }

  private userObject(user: FakeSlackUser): Record<string, unknown> {
    return {
      id: user.id,
      team_id: user.teamId,
      name: user.name,
      deleted: user.deleted,
      real_name: user.realName,
      tz: user.tz,
      is_bot: false,
      is_app_user: false,
      profile: {
        real_name: user.realName,
        display_name: user.name,
        email: user.email,
        team: user.teamId,
      },
    };
  }
}

export function failure(error: string): SlackResponseBody {
  return { ok: false, error };
}

function stringField(body: SlackRequestBody, field: string): string | undefined {
  const value = body[field];
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return String(value);
  return undefined;
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true' || value === '1' || value === 1;
}

function viewField(body: SlackRequestBody): Record<string, unknown> | undefined {
  const view = body.view;
  return view !== null && typeof view === 'object' && !Array.isArray(view) ? (view as Record<string, unknown>) : undefined;
}

/** Checks the text, blocks and attachments of a message the way chat.postMessage does. */
function messageContent(
  body: SlackRequestBody,
): { text: string; blocks?: unknown[]; attachments?: unknown[] } | { error: string } {
  const text = stringField(body, 'text');
  const blocks = body.blocks;
  const attachments = body.attachments;
  if (blocks !== undefined && !Array.isArray(blocks)) {
    return { error: 'invalid_blocks' };
  }
  if (attachments !== undefined && !Array.isArray(attachments)) {
    return { error: 'invalid_attachments' };
  }
  const hasText = text !== undefined && text !== '';
  if (!hasText && (blocks?.length ?? 0) === 0 && (attachments?.length ?? 0) === 0) {
    return { error: 'no_text' };
  }
  if (text !== undefined && text.length > maxMessageTextLength) {
    return { error: 'msg_too_long' };
  }
  const content: { text: string; blocks?: unknown[]; attachments?: unknown[] } = { text: text ?? '' };
  if (blocks !== undefined) content.blocks = blocks;
  if (attachments !== undefined) content.attachments = attachments;
  return content;
}
