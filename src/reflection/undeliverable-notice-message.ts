import type { OutgoingMessage } from '../bot/message.ts';
import { t } from '../i18n/index.ts';

/** Turns a delivery error such as "discord: 50007" into the reason an advisor can act on. */
function describeReason(reason: string): string {
  if (reason === 'no_linked_account') return t('bot:undeliverable.reason_no_account');
  if (/^discord: (50007|50278)$/.test(reason)) return t('bot:undeliverable.reason_dms_closed', { platform: 'Discord' });
  const [platform = reason] = reason.split(':');

  return t('bot:undeliverable.reason_platform', { platform: platform.trim(), code: reason.slice(platform.length + 1).trim() });
}

/** Builds the advisor's notice listing the students who could not be sent this week's prompt. */
export function buildUndeliverableNoticeMessage(week: string, members: { name: string; reason: string }[]): OutgoingMessage {
  const intro = t('bot:undeliverable.intro', { count: members.length, week });
  const lines = members.map((member) => `• ${member.name}: ${describeReason(member.reason)}`);
  const advice = t('bot:undeliverable.advice');

  return {
    text: [intro, ...lines, advice].join('\n'),
    blocks: [
      { type: 'header', text: t('bot:undeliverable.title') },
      { type: 'text', text: intro },
      { type: 'text', text: lines.join('\n') },
      { type: 'context', text: advice },
    ],
  };
}
