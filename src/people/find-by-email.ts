import type { PrismaClient } from '../db/client.ts';
import type { Role } from '../db/generated/enums.ts';

export interface PersonByEmail {
  id: string;
  schoolId: string;
  roles: Role[];
  givenName: string;
  familyName: string;
}

/**
 * Returns up to `limit` active people with this e-mail address, compared
 * without case. Written in SQL so that it uses the index on lower(email).
 */
export async function findActivePeopleByEmail(prisma: PrismaClient, email: string, limit: number): Promise<PersonByEmail[]> {
  return prisma.$queryRaw<PersonByEmail[]>`
    SELECT "id", "schoolId"::text AS "schoolId", "roles"::text[] AS "roles", "givenName", "familyName"
    FROM "Person"
    WHERE lower("email") = lower(${email.trim()}) AND "active"
    LIMIT ${limit}`;
}
