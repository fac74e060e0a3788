import type { PrismaClient } from '../db/client.ts';
import type { Role } from '../db/generated/enums.ts';
import { findActivePeopleByEmail } from './find-by-email.ts';

export interface Actor {
  personId: string;
  schoolId: string;
  roles: Role[];
  givenName: string;
  familyName: string;
}


function toActor(person: { id: string; schoolId: string; roles: Role[]; givenName: string; familyName: string }): Actor {
  return {
    personId: person.id,
    schoolId: person.schoolId,
    roles: person.roles,
    givenName: person.givenName,
    familyName: person.familyName,
  };
}

/** Returns the active roster person linked to a platform account, if any. */
export async function findActorByAccount(prisma: PrismaClient, platform: string, externalId: string): Promise<Actor | null> {
  // One statement: every command and message starts with this lookup.
  const [person] = await prisma.$queryRaw<{ id: string; schoolId: string; roles: Role[]; givenName: string; familyName: string }[]>`
    SELECT "p"."id", "p"."schoolId"::text AS "schoolId", "p"."roles"::text[] AS "roles", "p"."givenName", "p"."familyName"
    FROM "ChatAccount" "a" JOIN "Person" "p" ON "p"."id" = "a"."personId"
    WHERE "a"."platform" = ${platform} AND "a"."externalId" = ${externalId} AND "p"."active"`;

  return person ? toActor(person) : null;
}

/**
 * Returns the active roster person with this e-mail address, compared
 * without case. Returns null when two people share the address, because
 * linking the account to either one would show them the other's records.
 */
export async function findActorByEmail(prisma: PrismaClient, email: string): Promise<Actor | null> {
  const people = await findActivePeopleByEmail(prisma, email, 2);

  return people.length === 1 ? toActor(people[0]!) : null;
}

export interface LinkAccountInput {
  platform: string;
  externalId: string;
  personId: string;
  dmChannelId?: string;
  workspaceId?: string;
}

/**
 * Links a platform account to a roster person, or refreshes the stored DM
 * channel of an existing link. A person has at most one account per platform.
 */
export async function linkAccount(prisma: PrismaClient, input: LinkAccountInput) {
  return prisma.chatAccount.upsert({
    where: { platform_personId: { platform: input.platform, personId: input.personId } },
    create: {
      platform: input.platform,
      externalId: input.externalId,
      personId: input.personId,
      dmChannelId: input.dmChannelId ?? null,
      workspaceId: input.workspaceId ?? null,
    },
    update: {
      externalId: input.externalId,
      ...(input.dmChannelId ? { dmChannelId: input.dmChannelId } : {}),
    },
  });
}

export function displayName(person: { givenName: string; familyName: string }): string {
  return `${person.givenName} ${person.familyName}`.trim();
}
