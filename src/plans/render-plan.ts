import type { Block, OutgoingMessage } from '../bot/message.ts';
import type { GoalSummary, PlanSummary } from '../domain/plan-progress.ts';
import { t } from '../i18n/index.ts';

export interface PlanHeading {
  name: string;
  isSelf: boolean;
  term: { startDate: string; endDate: string };
}

function goalLines(goal: GoalSummary): string[] {
  const heading =
    goal.status === 'completed'
      ? t('plans:plan.goal_line_completed', { number: goal.number, title: goal.title })
      : t('plans:plan.goal_line', {
          number: goal.number,
          title: goal.title,
          done: goal.milestonesDone,
          total: goal.milestonesTotal,
        }) + (goal.milestonesOverdue > 0 ? ` · ${t('plans:plan.goal_overdue', { count: goal.milestonesOverdue })}` : '');

  const milestones = goal.milestones.map((milestone) => {
    let mark = '○';
    if (milestone.done) mark = '✓';
    else if (milestone.overdue) mark = '!';
    const due = milestone.dueOn ? t('plans:plan.milestone_due', { dueOn: milestone.dueOn }) : '';

    return t('plans:plan.milestone_line', { mark, title: `${goal.number}.${milestone.number} ${milestone.title}` }) + due;
  });

  return [heading, ...milestones];
}

/** Renders a plan summary as the /plan reply, in the neutral message model. */
export function renderPlan(summary: PlanSummary, heading: PlanHeading): OutgoingMessage {
  const title = heading.isSelf ? t('plans:plan.title_self') : t('plans:plan.title_other', { name: heading.name });
  const next = summary.nextMilestone;
  const nextLine = next
    ? t(next.overdue ? 'plans:plan.next_milestone_overdue' : 'plans:plan.next_milestone', {
        title: next.title,
        goal: next.goalTitle,
        dueOn: next.dueOn,
      })
    : t('plans:plan.no_next_milestone');
  const reflectionsLine = t('plans:plan.reflections', summary.reflections);

  const blocks: Block[] = [{ type: 'header', text: title }];
  const textLines: string[] = [title];
  for (const domain of summary.domains) {
    const label = t(`plans:domain.${domain.domain}`);
    const lines = domain.goals.length === 0 ? [t('plans:plan.no_goals')] : domain.goals.flatMap(goalLines);
    blocks.push({ type: 'text', text: `*${label}*\n${lines.join('\n')}` });
    textLines.push(`${label}:`, ...lines.map((line) => `  ${line}`));
  }
  if (summary.totals.goals === 0 && heading.isSelf) {
    blocks.push({ type: 'context', text: t('plans:plan.no_goals_hint') });
    textLines.push(t('plans:plan.no_goals_hint'));
  }
  blocks.push({ type: 'divider' }, { type: 'text', text: nextLine }, { type: 'context', text: reflectionsLine });
  textLines.push(nextLine, reflectionsLine);

  return { text: textLines.join('\n'), blocks, ephemeral: true };
}
