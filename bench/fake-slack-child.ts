// Runs the fake Slack in its own process, so that its records of every call
// do not count towards the service's memory or compete for its event loop.
import { startFakeSlack } from '../test/fakes/slack/index.ts';
import { serveParent } from './child-process.ts';

export interface FakeSlackInfo {
  apiUrl: string;
  botToken: string;
}

export interface PostMessageProgress {
  count: number;
  /** Date.now() of the first and of the latest chat.postMessage call, or null before the first. */
  firstAt: number | null;
  lastAt: number | null;
  /** Date.now() of call number `target`, once there are that many. */
  targetAt: number | null;
}

export interface CallSummary {
  callsByMethod: Record<string, number>;
  /** chat.postMessage calls that Slack rejected, by error code. */
  postMessageErrors: Record<string, number>;
  /** Users who got exactly one message, and the largest number any one user got. */
  usersWithOneMessage: number;
  maxMessagesToOneUser: number;
}

const fake = await startFakeSlack();
const userIds: string[] = [];

serveParent(
  {
    info: (): FakeSlackInfo => ({ apiUrl: fake.apiUrl, botToken: fake.botToken }),
    addUsers(users: { email: string; name: string }[]) {
      return users.map((input) => {
        const user = fake.addUser(input);
        userIds.push(user.id);

        return { id: user.id, dmChannelId: user.dmChannelId };
      });
    },
    progress(target: number): PostMessageProgress {
      const calls = fake.callsTo('chat.postMessage');

      return {
        count: calls.length,
        firstAt: calls[0]?.time ?? null,
        lastAt: calls.at(-1)?.time ?? null,
        targetAt: calls[target - 1]?.time ?? null,
      };
    },
    summary(): CallSummary {
      const callsByMethod: Record<string, number> = {};
      const postMessageErrors: Record<string, number> = {};
      for (const call of fake.calls) {
        callsByMethod[call.method] = (callsByMethod[call.method] ?? 0) + 1;
        if (call.method === 'chat.postMessage' && !call.response.ok) {
          const code = call.response.error ?? 'unknown';
          postMessageErrors[code] = (postMessageErrors[code] ?? 0) + 1;
        }
      }
      let usersWithOneMessage = 0;
      let maxMessagesToOneUser = 0;
      for (const id of userIds) {
        const received = fake.messagesTo(id).length;
        if (received === 1) usersWithOneMessage += 1;
        maxMessagesToOneUser = Math.max(maxMessagesToOneUser, received);
      }

      return { callsByMethod, postMessageErrors, usersWithOneMessage, maxMessagesToOneUser };
    },
    reset() {
      fake.reset();
    },
  },
  () => fake.close(),
);
