import type { PrismaClient } from '../../db/client.ts';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Finds a school by its roster sourcedId or its Homeroom id. */
export async function findSchool(prisma: PrismaClient, idOrSourcedId: string) {
  return prisma.school.findFirst({
    where: { OR: [{ sourcedId: idOrSourcedId }, ...(uuidPattern.test(idOrSourcedId) ? [{ id: idOrSourcedId }] : [])] },
  });
}
