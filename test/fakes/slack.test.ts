import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import { ErrorCode, WebClient, WebClientEvent, type WebAPIPlatformError, type WebAPIRateLimitedError } from '@slack/web-api';
import { WebSocket } from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeSlack, type FakeSlack } from './slack/server.ts';
import { postEvent, postInteraction, postSlashCommand, postUrlVerification, signSlackRequest } from './slack/signing.ts';

const signingSecret = 'fake-signing-secret-8f14e45fceea167a';

let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack();
});

afterAll(async () => {
  await fake.close();
});

afterEach(() => {
  fake.reset({ directory: true });
});

function client(overrides: ConstructorParameters<typeof WebClient>[1] = {}): WebClient {
  return new WebClient(fake.botToken, {
    slackApiUrl: fake.apiUrl,
    logLevel: LogLevel.ERROR,
    retryConfig: { retries: 0 },
    ...overrides,
  });
}

/** Runs `call` and returns the Slack error code of the platform error it raises. */
async function platformError(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
  } catch (error) {
    const platform = error as WebAPIPlatformError;
    expect(platform.code).toBe(ErrorCode.PlatformError);
    return platform.data.error;
  }
  throw new Error('Expected the call to fail with a Slack platform error, but it succeeded.');
}

describe('fake Slack Web API', () => {
  it('listens on 127.0.0.1 with an api URL', () => {
    expect(fake.apiUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/$/);
  });

  it('auth.test returns the bot identity', async () => {
    const result = await client().auth.test();
    expect(result.ok).toBe(true);
    expect(result.team_id).toBe(fake.teamId);
    expect(result.user_id).toBe(fake.botUserId);
    expect(result.bot_id).toBe(fake.botId);
    expect(fake.callsTo('auth.test')[0]?.token).toBe(fake.botToken);
  });

  it('rejects unknown and missing tokens', async () => {
    const wrongToken = new WebClient('xoxb-not-the-fake-token', { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR });
    expect(await platformError(() => wrongToken.auth.test())).toBe('invalid_auth');

    const noToken = new WebClient(undefined, { slackApiUrl: fake.apiUrl, logLevel: LogLevel.ERROR });
    expect(await platformError(() => noToken.auth.test())).toBe('not_authed');

    expect(await platformError(() => client().auth.test({ token: fake.appToken }))).toBe('not_allowed_token_type');
  });

  it('users.lookupByEmail finds a user case-insensitively', async () => {
    const user = fake.addUser({ email: 'ada@school.example', name: 'ada', realName: 'Ada Lovelace' });
    const result = await client().users.lookupByEmail({ email: 'ADA@school.example' });
    expect(result.user?.id).toBe(user.id);
    expect(result.user?.profile?.email).toBe('ada@school.example');
    expect(result.user?.real_name).toBe('Ada Lovelace');
    expect(result.user?.deleted).toBe(false);
  });

  it('users.lookupByEmail fails with users_not_found', async () => {
    expect(await platformError(() => client().users.lookupByEmail({ email: 'nobody@school.example' }))).toBe('users_not_found');
  });

  it('users.info returns the profile e-mail', async () => {
    const user = fake.addUser({ id: 'U0ADA00001', email: 'ada@school.example', deleted: true });
    const result = await client().users.info({ user: 'U0ADA00001' });
    expect(result.user?.id).toBe(user.id);
    expect(result.user?.profile?.email).toBe('ada@school.example');
    expect(result.user?.deleted).toBe(true);
    expect(await platformError(() => client().users.info({ user: 'U0MISSING1' }))).toBe('user_not_found');
  });

  it('conversations.open returns a stable DM channel', async () => {
    const user = fake.addUser({ email: 'ada@school.example' });
    const first = await client().conversations.open({ users: user.id });
    const second = await client().conversations.open({ users: user.id, return_im: true });
    expect(first.channel?.id).toBe(user.dmChannelId);
    expect(first.channel?.id).toMatch(/^D/);
    expect(first.already_open).toBeUndefined();
    expect(second.channel?.id).toBe(user.dmChannelId);
    expect(second.already_open).toBe(true);
    expect(second.channel?.is_im).toBe(true);
    expect(second.channel?.user).toBe(user.id);
  });

  it('conversations.open rejects unknown and deactivated users', async () => {
    const deactivated = fake.addUser({ email: 'gone@school.example', deleted: true });
    expect(await platformError(() => client().conversations.open({ users: 'U0MISSING1' }))).toBe('user_not_found');
    expect(await platformError(() => client().conversations.open({ users: deactivated.id }))).toBe('user_disabled');
  });

  it('chat.postMessage records decoded blocks', async () => {
    const user = fake.addUser({ email: 'ada@school.example' });
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: 'How did *this week* go?' } }];
    const result = await client().chat.postMessage({ channel: user.dmChannelId, text: 'How did this week go?', blocks, metadata: { event_type: 'reflection_prompt', event_payload: { week: '2026-W10' } } });

    expect(result.channel).toBe(user.dmChannelId);
    expect(result.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(result.message?.text).toBe('How did this week go?');
    expect(result.message?.bot_id).toBe(fake.botId);
    expect(result.message?.blocks).toEqual(blocks);

    const call = fake.callsTo('chat.postMessage')[0];
    expect(call?.body.blocks).toEqual(blocks);
    expect(call?.body.metadata).toEqual({ event_type: 'reflection_prompt', event_payload: { week: '2026-W10' } });
    expect(call?.body.token).toBeUndefined();

    const byUser = fake.messagesTo(user.id);
    expect(byUser).toHaveLength(1);
    expect(byUser[0]?.ts).toBe(result.ts);
    expect(fake.messagesTo(user.dmChannelId)).toEqual(byUser);
  });

  it('chat.postMessage to a user ID lands in the DM', async () => {
    const user = fake.addUser({ email: 'ada@school.example' });
    const result = await client().chat.postMessage({ channel: user.id, text: 'hello' });
    expect(result.channel).toBe(user.dmChannelId);
    expect(fake.messagesTo(user.id)[0]?.text).toBe('hello');
  });

  it('chat.postMessage ts values increase', async () => {
    const user = fake.addUser({ email: 'ada@school.example' });
    const first = await client().chat.postMessage({ channel: user.id, text: 'one' });
    const second = await client().chat.postMessage({ channel: user.id, text: 'two' });
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
  });

  it('chat.postMessage reports channel errors', async () => {
    const archived = fake.addChannel({ name: 'old-advisory', isArchived: true });
    const outside = fake.addChannel({ name: 'staff', isMember: false });
    const open = fake.addChannel({ name: 'advisory-7b' });
    const deactivated = fake.addUser({ email: 'gone@school.example', deleted: true });

    expect(await platformError(() => client().chat.postMessage({ channel: 'C0MISSING1', text: 'x' }))).toBe('channel_not_found');
    expect(await platformError(() => client().chat.postMessage({ channel: archived.id, text: 'x' }))).toBe('is_archived');
    expect(await platformError(() => client().chat.postMessage({ channel: outside.id, text: 'x' }))).toBe('not_in_channel');
    expect(await platformError(() => client().chat.postMessage({ channel: deactivated.id, text: 'x' }))).toBe('user_disabled');
    expect(await platformError(() => client().chat.postMessage({ channel: open.id, text: '' }))).toBe('no_text');
    expect(await platformError(() => client().chat.postMessage({ channel: open.id, text: 'x'.repeat(40_001) }))).toBe('msg_too_long');

    const byName = await client().chat.postMessage({ channel: '#advisory-7b', text: 'Agenda' });
    expect(byName.channel).toBe(open.id);
  });

  it('accepts JSON bodies with a bearer token', async () => {
    const user = fake.addUser({ email: 'ada@school.example' });
    const response = await fetch(`${fake.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', Authorization: `Bearer ${fake.botToken}` },
      body: JSON.stringify({ channel: user.id, text: 'json', blocks: [{ type: 'divider' }] }),
    });
    const body = (await response.json()) as { ok: boolean; channel: string };
    expect(body.ok).toBe(true);
    expect(body.channel).toBe(user.dmChannelId);
    expect(fake.messagesTo(user.id)[0]?.blocks).toEqual([{ type: 'divider' }]);
  });

  it('accepts the token as a form field', async () => {
    const response = await fetch(`${fake.apiUrl}auth.test`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: fake.botToken }).toString(),
    });
    expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
  });

  it('chat.postEphemeral and chat.update', async () => {
    const user = fake.addUser({ email: 'ada@school.example' });
    const channel = fake.addChannel({ name: 'advisory-7b' });

    const ephemeral = await client().chat.postEphemeral({ channel: channel.id, user: user.id, text: 'only you' });
    expect(ephemeral.message_ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(fake.ephemeralMessages[0]?.user).toBe(user.id);

    const posted = await client().chat.postMessage({ channel: channel.id, text: 'draft' });
    const updated = await client().chat.update({ channel: channel.id, ts: posted.ts!, text: 'final' });
    expect(updated.ts).toBe(posted.ts);
    expect(updated.text).toBe('final');
    expect(fake.messagesTo(channel.id)[0]?.text).toBe('final');
    expect(fake.messagesTo(channel.id)[0]?.edited?.user).toBe(fake.botUserId);

    expect(await platformError(() => client().chat.update({ channel: channel.id, ts: '1.000001', text: 'x' }))).toBe('message_not_found');
  });

  it('views.open, views.update and views.publish', async () => {
    const user = fake.addUser({ email: 'ada@school.example' });
    const modal = { type: 'modal' as const, callback_id: 'reflection', title: { type: 'plain_text' as const, text: 'Reflect' }, blocks: [] };

    const opened = await client().views.open({ trigger_id: '123.456.abc', view: modal });
    const viewId = opened.view?.id ?? '';
    expect(viewId).toMatch(/^V/);
    expect(opened.view?.callback_id).toBe('reflection');
    expect(opened.view?.hash).toBeTruthy();

    const updated = await client().views.update({ view_id: viewId, hash: opened.view?.hash, view: { ...modal, private_metadata: 'week-10' } });
    expect(updated.view?.id).toBe(viewId);
    expect(updated.view?.private_metadata).toBe('week-10');
    expect(await platformError(() => client().views.update({ view_id: viewId, hash: opened.view?.hash, view: modal }))).toBe('hash_conflict');
    expect(await platformError(() => client().views.update({ view_id: 'V0MISSING1', view: modal }))).toBe('not_found');

    const home = await client().views.publish({ user_id: user.id, view: { type: 'home', blocks: [{ type: 'divider' }] } });
    expect(home.view?.type).toBe('home');
    expect(fake.homeViewOf(user.id)?.blocks).toEqual([{ type: 'divider' }]);
  });

  it('failNext fails one call', async () => {
    fake.failNext('chat.postMessage', 'fatal_error');
    const user = fake.addUser({ email: 'ada@school.example' });
    expect(await platformError(() => client().chat.postMessage({ channel: user.id, text: 'x' }))).toBe('fatal_error');
    const retried = await client().chat.postMessage({ channel: user.id, text: 'x' });
    expect(retried.ok).toBe(true);
    expect(fake.messagesTo(user.id)).toHaveLength(1);
  });

  it('failWhen fails matching calls until removed', async () => {
    const ada = fake.addUser({ email: 'ada@school.example' });
    const bob = fake.addUser({ email: 'bob@school.example' });
    const remove = fake.failWhen('chat.postMessage', (body) => body.channel === ada.id, 'account_inactive');
    expect(await platformError(() => client().chat.postMessage({ channel: ada.id, text: 'x' }))).toBe('account_inactive');
    expect((await client().chat.postMessage({ channel: bob.id, text: 'x' })).ok).toBe(true);
    remove();
    expect((await client().chat.postMessage({ channel: ada.id, text: 'x' })).ok).toBe(true);
  });

  it('rateLimitNext is retried by the WebClient', async () => {
    const user = fake.addUser({ email: 'ada@school.example' });
    fake.rateLimitNext('chat.postMessage', 1);
    const retrying = client({ retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 10 } });
    const rateLimitedEvents: number[] = [];
    retrying.on(WebClientEvent.RATE_LIMITED, (retryAfter: number) => rateLimitedEvents.push(retryAfter));

    const started = Date.now();
    const result = await retrying.chat.postMessage({ channel: user.id, text: 'after the wait' });

    expect(result.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
    expect(rateLimitedEvents).toEqual([1]);
    expect(fake.callsTo('chat.postMessage').map((call) => call.status)).toEqual([429, 200]);
    expect(fake.messagesTo(user.id)).toHaveLength(1);
  });

  it('rateLimitNext with rejectRateLimitedCalls', async () => {
    fake.rateLimitNext('auth.test', 7);
    const rejecting = client({ rejectRateLimitedCalls: true });
    const error = (await rejecting.auth.test().catch((caught: unknown) => caught)) as WebAPIRateLimitedError;
    expect(error.code).toBe(ErrorCode.RateLimitedError);
    expect(error.retryAfter).toBe(7);
  });

  it('waitFor resolves on a later matching call', async () => {
    const user = fake.addUser({ email: 'ada@school.example' });
    const waiting = fake.waitFor((call) => call.method === 'chat.postMessage' && call.body.text === 'later', 2_000);
    await client().chat.postMessage({ channel: user.id, text: 'earlier' });
    await client().chat.postMessage({ channel: user.id, text: 'later' });
    const call = await waiting;
    expect(call.response.ok).toBe(true);
  });

  it('waitFor rejects after the timeout', async () => {
    await expect(fake.waitFor((call) => call.method === 'views.open', 50)).rejects.toThrow(/Timed out after 50 ms/);
  });

  it('reset keeps users unless asked', async () => {
    const user = fake.addUser({ email: 'ada@school.example' });
    await client().chat.postMessage({ channel: user.id, text: 'x' });
    fake.failNext('auth.test', 'fatal_error');
    fake.reset();
    expect(fake.calls).toHaveLength(0);
    expect(fake.messagesTo(user.id)).toHaveLength(0);
    expect((await client().users.info({ user: user.id })).ok).toBe(true);
    expect((await client().auth.test()).ok).toBe(true);
  });

  it('records response_url posts', async () => {
    const url = fake.responseUrl('cmd-1');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Your plan', response_type: 'ephemeral', replace_original: false }),
    });
    expect(response.status).toBe(200);
    expect(fake.responsesTo('cmd-1')[0]?.body.text).toBe('Your plan');
    expect(fake.responsesTo('cmd-1')[0]?.body.response_type).toBe('ephemeral');
  });

  it('carries a thousand posts quickly', async () => {
    const user = fake.addUser({ email: 'ada@school.example' });
    const web = client();
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 1_000 }, (_, index) => web.chat.postMessage({ channel: user.id, text: `message ${index}` })));
    const elapsedMs = performance.now() - started;

    const timestamps = new Set(results.map((result) => result.ts));
    expect(timestamps.size).toBe(1_000);
    expect(fake.messagesTo(user.id)).toHaveLength(1_000);
    // A loose bound. The fake's own work per call is constant, so only work that grows
    // with the number of recorded calls would cross it.
    expect(elapsedMs).toBeLessThan(10_000);
  });
});

describe('signing helpers with a real Bolt app', () => {
  let app: App;
  let eventsUrl: string;
  const received: Array<{ kind: string; value: unknown; retryNum?: number | undefined }> = [];

  beforeAll(async () => {
    const receiver = new HTTPReceiver({ signingSecret, logLevel: LogLevel.ERROR });
    app = new App({ token: fake.botToken, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.apiUrl } });

    app.event('message', async ({ event, context }) => {
      received.push({ kind: 'message', value: event, retryNum: context.retryNum });
    });
    app.command('/plan', async ({ command, ack, respond }) => {
      await ack();
      received.push({ kind: 'command', value: command });
      await respond({ text: `Plan for ${command.user_id}`, response_type: 'ephemeral' });
    });
    app.action('milestone_done', async ({ ack, body, client: web }) => {
      await ack();
      received.push({ kind: 'action', value: body });
      await web.chat.postMessage({ channel: body.user.id, text: 'Milestone marked done.' });
    });
    app.view('reflection', async ({ ack, view }) => {
      await ack({ response_action: 'errors', errors: { answer: 'Please write a sentence.' } });
      received.push({ kind: 'view', value: view });
    });

    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as { address(): AddressInfo };
    eventsUrl = `http://127.0.0.1:${server.address().port}/slack/events`;
  });

  afterAll(async () => {
    await app.stop();
  });

  afterEach(() => {
    received.length = 0;
  });

  it('signSlackRequest matches a known HMAC', () => {
    // Computed independently with: printf 'v0:1531420618:body' | openssl dgst -sha256 -hmac secret
    const headers = signSlackRequest('secret', 'body', 1_531_420_618);
    expect(headers['X-Slack-Request-Timestamp']).toBe('1531420618');
    expect(headers['X-Slack-Signature']).toBe('v0=78e394d129df51c593e1d449277f576c39c361411fecc54edd326794263d3f84');
  });

  it('answers url_verification', async () => {
    const response = await postUrlVerification(eventsUrl, signingSecret, 'challenge-123');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ challenge: 'challenge-123' });
  });

  it('delivers a signed event with retry headers', async () => {
    const event = { type: 'message', channel_type: 'im', channel: 'D00000001', user: 'U00000001', text: 'My reflection', ts: '1764864100.000200' };
    const response = await postEvent(eventsUrl, signingSecret, event, { retryNum: 1, retryReason: 'http_timeout', eventId: 'Ev0TEST0001' });
    expect(response.status).toBe(200);
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]?.kind).toBe('message');
    expect((received[0]?.value as { text: string }).text).toBe('My reflection');
    expect(received[0]?.retryNum).toBe(1);
  });

  it('delivers a slash command', async () => {
    const responseUrl = fake.responseUrl('plan-1');
    const response = await postSlashCommand(eventsUrl, signingSecret, { command: '/plan', text: 'goals', user_id: 'U00000001', channel_id: 'D00000001', response_url: responseUrl });
    expect(response.status).toBe(200);

    const posted = await fake.waitForResponse((recorded) => recorded.id === 'plan-1', 3_000);
    expect(posted.body.text).toBe('Plan for U00000001');
    expect(posted.body.response_type).toBe('ephemeral');
    const command = received[0]?.value as { text: string; trigger_id: string; team_id: string };
    expect(command.text).toBe('goals');
    expect(command.trigger_id).toMatch(/^\d+\.\d+\.[0-9a-f]+$/);
    expect(command.team_id).toBe(fake.teamId);
  });

  it('delivers a block action that calls the fake', async () => {
    const user = fake.addUser({ email: 'ada@school.example' });
    const payload = {
      type: 'block_actions',
      user: { id: user.id, username: user.name, team_id: fake.teamId },
      api_app_id: fake.appId,
      team: { id: fake.teamId, domain: 'homeroom-school' },
      channel: { id: user.dmChannelId, name: 'directmessage' },
      trigger_id: '123.456.abc',
      response_url: fake.responseUrl('action-1'),
      actions: [{ type: 'button', action_id: 'milestone_done', block_id: 'milestone', value: 'm-42', action_ts: '1764864200.000300' }],
    };
    const response = await postInteraction(eventsUrl, signingSecret, payload);
    expect(response.status).toBe(200);

    const call = await fake.waitFor((recorded) => recorded.method === 'chat.postMessage', 3_000);
    expect(call.response.channel).toBe(user.dmChannelId);
    expect(fake.messagesTo(user.id)[0]?.text).toBe('Milestone marked done.');
  });

  it('returns a view_submission ack body', async () => {
    const payload = {
      type: 'view_submission',
      user: { id: 'U00000001', team_id: fake.teamId },
      api_app_id: fake.appId,
      team: { id: fake.teamId, domain: 'homeroom-school' },
      trigger_id: '123.456.abc',
      view: { id: 'V00000001', type: 'modal', callback_id: 'reflection', state: { values: {} }, private_metadata: '' },
    };
    const response = await postInteraction(eventsUrl, signingSecret, payload);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ response_action: 'errors', errors: { answer: 'Please write a sentence.' } });
  });

  it('rejects a wrong signature with 401', async () => {
    const response = await postEvent(eventsUrl, signingSecret, { type: 'message', text: 'forged' }, { wrongSignature: true });
    expect(response.status).toBe(401);
    expect(received).toHaveLength(0);
  });

  it('rejects a stale timestamp with 401', async () => {
    const response = await postSlashCommand(eventsUrl, signingSecret, { command: '/plan', user_id: 'U00000001', channel_id: 'D00000001' }, { staleTimestamp: true });
    expect(response.status).toBe(401);
    expect(received).toHaveLength(0);
  });
});

describe('fake Socket Mode', () => {
  it('records SocketModeClient acks', async () => {
    const socketClient = new SocketModeClient({ appToken: fake.appToken, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.apiUrl } });
    const events: unknown[] = [];
    socketClient.on('message', async ({ event, ack }: { event: unknown; ack: (response?: Record<string, unknown>) => Promise<void> }) => {
      events.push(event);
      await ack();
    });
    socketClient.on('slash_commands', async ({ body, ack }: { body: { text: string }; ack: (response?: Record<string, unknown>) => Promise<void> }) => {
      await ack({ text: `echo ${body.text}` });
    });

    await socketClient.start();
    try {
      expect(fake.socketMode.connectionCount).toBe(1);
      expect(fake.callsTo('apps.connections.open')[0]?.token).toBe(fake.appToken);

      const eventEnvelope = fake.socketMode.pushEvent({ type: 'message', channel_type: 'im', user: 'U00000001', text: 'hi', ts: '1764864300.000100' });
      const eventAck = await fake.socketMode.waitForAck(eventEnvelope);
      expect(eventAck.payload).toEqual({});
      expect(events).toHaveLength(1);

      const commandEnvelope = fake.socketMode.push('slash_commands', { command: '/plan', text: 'goals', user_id: 'U00000001' });
      const commandAck = await fake.socketMode.waitForAck(commandEnvelope);
      expect(commandAck.payload).toEqual({ text: 'echo goals' });
    } finally {
      await socketClient.disconnect();
    }
  });

  it('serves a Bolt app in Socket Mode', async () => {
    // Bolt 5.1 passes only installerOptions.clientOptions to its SocketModeClient. The client
    // waits clientPingTimeout before reconnecting, so a short one keeps the reconnect quick.
    const receiver = new SocketModeReceiver({
      appToken: fake.appToken,
      logLevel: LogLevel.ERROR,
      clientPingTimeout: 200,
      installerOptions: { clientOptions: { slackApiUrl: fake.apiUrl } },
    });
    const app = new App({ token: fake.botToken, receiver, logLevel: LogLevel.ERROR, clientOptions: { slackApiUrl: fake.apiUrl } });
    app.command('/plan', async ({ command, ack }) => {
      await ack({ text: `Plan for ${command.user_id}` });
    });

    await app.start();
    try {
      const envelopeId = fake.socketMode.push('slash_commands', { command: '/plan', text: '', user_id: 'U00000001', channel_id: 'D00000001', team_id: fake.teamId, api_app_id: fake.appId });
      const ack = await fake.socketMode.waitForAck(envelopeId);
      expect(ack.payload).toEqual({ text: 'Plan for U00000001' });

      fake.socketMode.requestReconnect();
      await fake.waitFor(() => fake.callsTo('apps.connections.open').length === 2, 5_000);
      await expect.poll(() => fake.socketMode.connectionCount, { timeout: 5_000 }).toBe(1);
      const afterReconnect = fake.socketMode.push('slash_commands', { command: '/plan', text: '', user_id: 'U00000002', channel_id: 'D00000002', team_id: fake.teamId, api_app_id: fake.appId });
      expect((await fake.socketMode.waitForAck(afterReconnect)).payload).toEqual({ text: 'Plan for U00000002' });
    } finally {
      await app.stop();
    }
  });

  it('apps.connections.open requires the app token', async () => {
    expect(await platformError(() => client().apps.connections.open())).toBe('not_allowed_token_type');
  });

  it('rejects a WebSocket without a ticket', async () => {
    const socket = new WebSocket(`${fake.url.replace(/^http/, 'ws')}/socket-mode?ticket=forged`);
    const status = await new Promise<number>((resolve, reject) => {
      socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      socket.on('open', () => reject(new Error('The fake accepted a WebSocket with a forged ticket.')));
      socket.on('error', reject);
    });
    expect(status).toBe(401);
    expect(fake.socketMode.connectionCount).toBe(0);
  });
});
