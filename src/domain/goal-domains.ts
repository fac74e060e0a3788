/** The areas of a personal learning plan, in the order /plan shows them. */
export const GOAL_DOMAINS = ['academic', 'college', 'career', 'personal'] as const;

export type GoalDomain = (typeof GOAL_DOMAINS)[number];

export function isGoalDomain(text: string): text is GoalDomain {
  return (GOAL_DOMAINS as readonly string[]).includes(text);
}
