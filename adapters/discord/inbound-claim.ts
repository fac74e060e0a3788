import type { PrismaClient } from '../../src/db/client.ts';
import { isUniqueViolation } from './discord-errors.ts';

/**
 * Records that this process handles an inbound event. Returns false when
 * another process (or an earlier delivery) already recorded it. The caller
 * then does nothing, so the event has one effect and one reply.
 */
export async function claimInboundEvent(prisma: PrismaClient, id: string): Promise<boolean> {
  try {
    await prisma.inboundEvent.create({ data: { id } });

    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}
