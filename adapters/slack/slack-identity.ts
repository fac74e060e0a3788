import type { WebClient } from '@slack/web-api';
import type { PrismaClient } from '../../src/db/client.ts';
import { findActorByAccount, findActorByEmail, linkAccount, type Actor } from '../../src/people/accounts.ts';

export const SLACK = 'slack';

export type SlackIdentity = { ok: true; actor: Actor } | { ok: false; error: 'not_in_roster' | 'no_email' };

/** Returns the e-mail address of a Slack user, or null when Slack does not share it. */
export async function lookupSlackEmail(client: WebClient, userId: string): Promise<string | null> {
  const info = await client.users.info({ user: userId });

  return info.user?.profile?.email ?? null;
}

/**
 * Finds the roster person behind a Slack user, linking the account by its
 * e-mail address the first time the person talks to Homeroom.
 */
export async function identifySlackUser(
  prisma: PrismaClient,
  client: WebClient,
  input: { userId: string; teamId?: string; dmChannelId?: string },
): Promise<SlackIdentity> {
  const linked = await findActorByAccount(prisma, SLACK, input.userId);
  if (linked) return { ok: true, actor: linked };

  const email = await lookupSlackEmail(client, input.userId);
  if (!email) return { ok: false, error: 'no_email' };

  const actor = await findActorByEmail(prisma, email);
  if (!actor) return { ok: false, error: 'not_in_roster' };

  await linkAccount(prisma, {
    platform: SLACK,
    externalId: input.userId,
    personId: actor.personId,
    ...(input.dmChannelId ? { dmChannelId: input.dmChannelId } : {}),
    ...(input.teamId ? { workspaceId: input.teamId } : {}),
  });

  return { ok: true, actor };
}
