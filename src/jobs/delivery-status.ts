import type { PrismaClient } from '../db/client.ts';
import type { LinkedAccount, SentMessage } from '../messaging/messenger.ts';

// Each function here is one SQL statement, because the worker runs them for
// every message and round trips to the database dominate its time.

export interface ClaimedDelivery {
  id: string;
  kind: string;
  recipientId: string;
  payload: unknown;
  recipient: {
    id: string;
    email: string | null;
    givenName: string;
    active: boolean;
    chatAccounts: LinkedAccount[];
  };
}

interface ClaimedRow {
  id: string;
  kind: string;
  recipientId: string;
  payload: unknown;
  email: string | null;
  givenName: string;
  active: boolean;
  accounts: (Omit<LinkedAccount, 'undeliverableSince'> & { undeliverableSince: string | null })[];
}

/**
 * Claims a delivery for sending, counts the attempt, and returns it with
 * its recipient and their chat accounts. Returns null when it is already
 * sent or undeliverable, so a retry does nothing.
 */
export async function claimDelivery(prisma: PrismaClient, deliveryId: string): Promise<ClaimedDelivery | null> {
  const rows = await prisma.$queryRaw<ClaimedRow[]>`
    WITH "claimed" AS (
      UPDATE "Delivery" SET "status" = 'sending', "attempts" = "attempts" + 1, "updatedAt" = now()
      WHERE "id" = ${deliveryId}::uuid AND "status" IN ('pending', 'sending', 'failed')
      RETURNING "id", "kind", "recipientId", "payload"
    )
    SELECT "claimed".*, "p"."email", "p"."givenName", "p"."active",
      COALESCE(json_agg(json_build_object(
        'id', "a"."id", 'platform', "a"."platform", 'externalId', "a"."externalId",
        'dmChannelId', "a"."dmChannelId", 'undeliverableSince', "a"."undeliverableSince"
      )) FILTER (WHERE "a"."id" IS NOT NULL), '[]') AS "accounts"
    FROM "claimed"
    JOIN "Person" "p" ON "p"."id" = "claimed"."recipientId"
    LEFT JOIN "ChatAccount" "a" ON "a"."personId" = "p"."id"
    GROUP BY "claimed"."id", "claimed"."kind", "claimed"."recipientId", "claimed"."payload", "p"."id"`;
  const row = rows[0];
  if (!row) return null;

  return {
    id: row.id,
    kind: row.kind,
    recipientId: row.recipientId,
    payload: row.payload,
    recipient: {
      id: row.recipientId,
      email: row.email,
      givenName: row.givenName,
      active: row.active,
      chatAccounts: row.accounts.map((account) => ({
        ...account,
        undeliverableSince: account.undeliverableSince ? new Date(account.undeliverableSince) : null,
      })),
    },
  };
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
