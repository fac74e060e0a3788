import type { PrismaClient } from '../db/client.ts';
import { parsePlanCommand } from '../domain/plan-command.ts';
import { t } from '../i18n/index.ts';
import type { Logger } from '../logger.ts';
import type { Actor } from '../people/accounts.ts';
import { runGoalCommand } from '../plans/goal-command-handler.ts';
import type { PersonQuery } from '../plans/resolve-person.ts';
import { showPlan } from '../plans/show-plan.ts';
import { recordReflection, type ReflectionSource } from '../reflection/record-reflection.ts';
import { plainMessage, type OutgoingMessage } from './message.ts';
import { replyToReflection } from './reflection-replies.ts';

export interface BotContext {
  prisma: PrismaClient;
  logger: Logger;
  now: () => Date;
}

export const commandNames = ['plan', 'goal', 'reflect'] as const;
export type CommandName = (typeof commandNames)[number];

export interface CommandRequest {
  actor: Actor;
  command: string;
  text: string;
  platform: string;
  /** Unique per invocation, so that a repeated delivery files a reflection once. */
  invocationId: string;
  /** Returns the e-mail address of a mentioned platform user, for people not linked yet. */
  lookupMentionEmail?: (externalId: string) => Promise<string | null>;
}

export type CommandResult =
  | { kind: 'reply'; message: OutgoingMessage }
  | { kind: 'open_reflection_form'; form: ReflectionForm };

export interface ReflectionForm {
  requestId: string;
  promptText: string;
  week: string;
}

function reply(message: OutgoingMessage): CommandResult {
  return { kind: 'reply', message };
}

/** Runs a slash command on behalf of a linked roster person. */
export async function runCommand(ctx: BotContext, request: CommandRequest): Promise<CommandResult> {
  const name = request.command.replace(/^\//, '').toLowerCase();
  const now = ctx.now();

  if (name === 'plan') {
    const parsed = parsePlanCommand(request.text);
    if ('error' in parsed) {
      const problem = t(`plans:plan.error.${parsed.error}`, { detail: parsed.detail });

      return reply(plainMessage(`${problem}\n${t('plans:plan.usage')}`, { ephemeral: true }));
    }
    const target = parsed.target === 'self' ? null : await toPersonQuery(request, parsed);

    return reply(await showPlan(ctx.prisma, request.actor, target, now));
  }

  if (name === 'goal') return reply(await runGoalCommand(ctx.prisma, request.actor, request.text, now));

  if (name === 'reflect') {
    if (request.text.trim() === '') {
      const form = await findReflectionForm(ctx, request.actor.personId);

      return form ? { kind: 'open_reflection_form', form } : reply(plainMessage(t('bot:reflection.no_prompt_to_answer')));
    }
    const result = await recordReflection(ctx.prisma, {
      personId: request.actor.personId,
      text: request.text,
      source: { platform: request.platform, messageId: `command-${request.invocationId}` },
      at: now,
    });

    return reply(replyToReflection(request.actor, result));
  }

  return reply(plainMessage(t('bot:commands.unknown', { command: request.command }), { ephemeral: true }));
}

async function toPersonQuery(request: CommandRequest, parsed: { query: string; kind: string }): Promise<PersonQuery> {
  if (parsed.kind !== 'user_id') return { kind: 'text', text: parsed.query };
  const email = request.lookupMentionEmail ? await request.lookupMentionEmail(parsed.query) : null;

  return { kind: 'account', platform: request.platform, externalId: parsed.query, email };
}

/** Returns the prompt that a form opened now would answer: the latest one sent. */
export async function findReflectionForm(ctx: BotContext, personId: string, requestId?: string): Promise<ReflectionForm | null> {
  const request = await ctx.prisma.reflectionRequest.findFirst({
    where: { studentId: personId, sentAt: { not: null }, ...(requestId ? { id: requestId } : {}) },
    orderBy: { dueAt: 'desc' },
    include: { prompt: { select: { text: true } } },
  });

  return request ? { requestId: request.id, promptText: request.prompt.text, week: request.week } : null;
}

/** Files a direct message from a student and returns the confirmation. */
export async function handleDirectMessage(
  ctx: BotContext,
  input: { actor: Actor; text: string; source: ReflectionSource },
): Promise<OutgoingMessage | null> {
  const result = await recordReflection(ctx.prisma, {
    personId: input.actor.personId,
    text: input.text,
    source: input.source,
    at: ctx.now(),
  });
  // A resent event got its confirmation the first time, and a second one would confuse the student.
  if (result.status === 'duplicate') return null;
  ctx.logger.info({ personId: input.actor.personId, status: result.status }, 'direct message filed');

  return replyToReflection(input.actor, result);
}

/** Files the answer from a reflection form for a specific prompt. */
export async function submitReflectionForm(
  ctx: BotContext,
  input: { actor: Actor; requestId: string; text: string; source: ReflectionSource },
): Promise<OutgoingMessage | null> {
  const result = await recordReflection(ctx.prisma, {
    personId: input.actor.personId,
    requestId: input.requestId,
    text: input.text,
    source: input.source,
    at: ctx.now(),
  });
  if (result.status === 'duplicate') return null;

  return replyToReflection(input.actor, result);
}
