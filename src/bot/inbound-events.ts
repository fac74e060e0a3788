import type { PrismaClient } from '../db/client.ts';

/**
 * Records that this process handles an inbound event or interaction.
 * Returns false when another process, a resend or a replay recorded it
 * first; the caller then does nothing, so the event has one effect.
 */
export async function claimInboundEvent(prisma: PrismaClient, id: string): Promise<boolean> {
  const inserted = await prisma.$executeRaw`
    INSERT INTO "InboundEvent" ("id", "receivedAt") VALUES (${id}, now()) ON CONFLICT ("id") DO NOTHING`;

  return inserted === 1;
}
