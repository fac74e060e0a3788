import type { PrismaClient } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import { UndeliverableError, type Messenger } from '../messaging/messenger.ts';
import { messageBuilders } from './delivery-messages.ts';
import { claimDelivery, markDeliverySent } from './delivery-status.ts';

export interface DeliverContext {
  prisma: PrismaClient;
  messengers: Messenger[];
  logger: Logger;
  now?: () => Date;
}

export type DeliverOutcome = 'sent' | 'already_done' | 'undeliverable' | 'obsolete';

async function markUndeliverable(ctx: DeliverContext, deliveryId: string, reason: string, accountId?: string): Promise<void> {
  const now = ctx.now?.() ?? new Date();
  await ctx.prisma.$transaction([
    ctx.prisma.delivery.update({ where: { id: deliveryId }, data: { status: 'undeliverable', lastError: reason } }),
    ...(accountId
      ? [ctx.prisma.chatAccount.update({ where: { id: accountId }, data: { undeliverableSince: now } })]
      : []),
  ]);
}

/**
 * Sends one delivery. The row is marked `sending` before the platform call
 * and `sent` after it, so a retry of a delivery that was sent does nothing.
 * Throws on errors worth retrying; BullMQ retries the job with backoff.
 */
export async function deliver(ctx: DeliverContext, deliveryId: string): Promise<DeliverOutcome> {
  const delivery = await claimDelivery(ctx.prisma, deliveryId);
  if (!delivery) return 'already_done';

  const log = ctx.logger.child({ deliveryId, kind: delivery.kind, recipientId: delivery.recipientId });
  const builder = messageBuilders[delivery.kind];
  const built = builder && delivery.recipient.active ? await builder(ctx.prisma, delivery) : null;
  if (!built) {
    await ctx.prisma.delivery.update({ where: { id: deliveryId }, data: { status: 'failed', lastError: 'obsolete' } });
    log.warn('delivery has nothing to send any more');

    return 'obsolete';
  }

  // NOTE: a crash between the platform call and markDeliverySent sends the
  // message again on retry; the `sending` status marks such rows for review.
  for (const messenger of ctx.messengers) {
    let recipient;
    try {
      recipient = await messenger.resolveRecipient(delivery.recipient);
    } catch (error) {
      // Opening a DM channel can fail for good too, for example for a deleted user.
      if (error instanceof UndeliverableError) {
        await markUndeliverable(ctx, deliveryId, `${error.platform}: ${error.code}`);
        log.warn({ platform: error.platform, code: error.code }, 'recipient cannot receive direct messages');

        return 'undeliverable';
      }
      await releaseForRetry(ctx, deliveryId, error);
      throw error;
    }
    if (!recipient) continue;

    try {
      const sent = await messenger.sendDirectMessage(recipient, built.message);
      const sentAt = ctx.now?.() ?? new Date();
      await markDeliverySent(ctx.prisma, {
        deliveryId,
        sent,
        sentAt,
        ...(built.reflectionRequestId ? { reflectionRequestId: built.reflectionRequestId } : {}),
      });
      const account = delivery.recipient.chatAccounts.find((candidate) => candidate.id === recipient.accountId);
      if (account?.undeliverableSince) {
        await ctx.prisma.chatAccount.update({ where: { id: account.id }, data: { undeliverableSince: null } });
      }
      log.info({ platform: sent.platform }, 'delivery sent');

      return 'sent';
    } catch (error) {
      if (error instanceof UndeliverableError) {
        await markUndeliverable(ctx, deliveryId, `${error.platform}: ${error.code}`, recipient.accountId);
        log.warn({ platform: error.platform, code: error.code }, 'recipient cannot receive direct messages');

        return 'undeliverable';
      }
      await releaseForRetry(ctx, deliveryId, error);
      throw error;
    }
  }

  await markUndeliverable(ctx, deliveryId, 'no_linked_account');
  log.warn('recipient has no chat account on any configured platform');

  return 'undeliverable';
}

async function releaseForRetry(ctx: DeliverContext, deliveryId: string, error: unknown): Promise<void> {
  await ctx.prisma.delivery.update({
    where: { id: deliveryId },
    data: { status: 'pending', lastError: error instanceof Error ? error.message.slice(0, 500) : 'unknown error' },
  });
}
