import type { PrismaClient } from '../db/client.ts';
import type { SentMessage } from '../messaging/messenger.ts';

// Each function here is one SQL statement, because the worker runs them for
// every message and round trips to the database dominate its time.

/**
 * Claims a delivery for sending and counts the attempt. Returns false when
 * it is already sent, undeliverable or obsolete, so a retry does nothing.
 */
export async function claimDelivery(prisma: PrismaClient, deliveryId: string): Promise<boolean> {
  const claimed = await prisma.$executeRaw`
    UPDATE "Delivery" SET "status" = 'sending', "attempts" = "attempts" + 1, "updatedAt" = now()
    WHERE "id" = ${deliveryId}::uuid AND "status" IN ('pending', 'sending', 'failed')`;

  return claimed === 1;
}

/** Marks a delivery sent and, in the same statement, the reflection request it carried. */
export async function markDeliverySent(
  prisma: PrismaClient,
  input: { deliveryId: string; sent: SentMessage; sentAt: Date; reflectionRequestId?: string },
): Promise<void> {
  await prisma.$executeRaw`
    WITH "sent" AS (
      UPDATE "Delivery"
      SET "status" = 'sent', "sentAt" = ${input.sentAt}, "platform" = ${input.sent.platform},
          "platformMessageId" = ${input.sent.messageId}, "lastError" = NULL, "updatedAt" = now()
      WHERE "id" = ${input.deliveryId}::uuid
      RETURNING "id"
    )
    UPDATE "ReflectionRequest" SET "sentAt" = ${input.sentAt}
    WHERE "id" = ${input.reflectionRequestId ?? null}::uuid AND EXISTS (SELECT 1 FROM "sent")`;
}
