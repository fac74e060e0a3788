import type { PrismaClient } from '../db/client.ts';

// Written in SQL because pglite-prisma-adapter 0.7.2 sends the value of
// Prisma's `has` filter on an enum array as a bare string, which PGlite
// rejects as a malformed array literal; PostgreSQL and PGlite both accept this.

/** Returns the active students of a school with their own time zone, if set. */
export async function findActiveStudents(prisma: PrismaClient, schoolId: string): Promise<{ id: string; timeZone: string | null }[]> {
  return prisma.$queryRaw`
    SELECT "id", "timeZone" FROM "Person"
    WHERE "schoolId" = ${schoolId}::uuid AND "active" AND 'student'::"Role" = ANY("roles")
    ORDER BY "id"`;
}

/** Counts the active students of a school. */
export async function countActiveStudents(prisma: PrismaClient, schoolId: string): Promise<number> {
  const [row] = await prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS "count" FROM "Person"
    WHERE "schoolId" = ${schoolId}::uuid AND "active" AND 'student'::"Role" = ANY("roles")`;

  return row?.count ?? 0;
}
