import type { OutgoingMessage } from '../bot/message.ts';
import type { PrismaClient } from '../db/client.ts';
import { buildPromptMessage } from '../reflection/prompt-message.ts';
import { REFLECTION_PROMPT_KIND } from '../reflection/plan-weekly-reflections.ts';
import { buildUndeliverableNoticeMessage } from '../reflection/undeliverable-notice-message.ts';
import { findUndeliverableMembers, UNDELIVERABLE_NOTICE_KIND } from '../reflection/undeliverable-notices.ts';

export interface DeliveryToBuild {
  kind: string;
  recipientId: string;
  payload: unknown;
  recipient: { givenName: string };
}

export interface BuiltMessage {
  message: OutgoingMessage;
  /** The reflection request to mark sent in the same statement that marks the delivery sent. */
  reflectionRequestId?: string;
}

type MessageBuilder = (prisma: PrismaClient, delivery: DeliveryToBuild) => Promise<BuiltMessage | null>;

async function buildReflectionPrompt(prisma: PrismaClient, delivery: DeliveryToBuild): Promise<BuiltMessage | null> {
  const { week } = delivery.payload as { week: string };
  const [request] = await prisma.$queryRaw<{ id: string; text: string }[]>`
    SELECT "r"."id", "p"."text" FROM "ReflectionRequest" "r"
    JOIN "ReflectionPrompt" "p" ON "p"."id" = "r"."promptId"
    WHERE "r"."studentId" = ${delivery.recipientId}::uuid AND "r"."week" = ${week}`;
  if (!request) return null;

  return {
    message: buildPromptMessage({
      givenName: delivery.recipient.givenName,
      promptText: request.text,
      requestId: request.id,
      week,
    }),
    reflectionRequestId: request.id,
  };
}

async function buildUndeliverableNotice(prisma: PrismaClient, delivery: DeliveryToBuild): Promise<BuiltMessage | null> {
  const { week } = delivery.payload as { week: string };
  const members = await findUndeliverableMembers(prisma, delivery.recipientId, week);
  if (members.length === 0) return null;

  return { message: buildUndeliverableNoticeMessage(week, members) };
}

/** The message builder of each delivery kind; later kinds register here. */
export const messageBuilders: Record<string, MessageBuilder> = {
  [REFLECTION_PROMPT_KIND]: buildReflectionPrompt,
  [UNDELIVERABLE_NOTICE_KIND]: buildUndeliverableNotice,
};
