export type Role = 'student' | 'advisor' | 'mentor' | 'admin';

/** The person requesting a plan, with the relationships that grant access. */
export interface PlanViewer {
  personId: string;
  schoolId: string;
  roles: readonly Role[];
  advisoryIdsLed: readonly string[];
  /** Students in the viewer's mentorships that have not ended. */
  activeMenteeIds: readonly string[];
}

/** The person whose plan is requested. */
export interface PlanSubject {
  personId: string;
  schoolId: string;
  advisoryIds: readonly string[];
}

export type PlanAccess =
  | { allowed: true; basis: 'self' | 'advisor' | 'mentor' | 'admin' }
  | { allowed: false; reason: 'not_related' | 'other_school' };

/**
 * Decides whether `viewer` may see `subject`'s learning plan, and on what basis.
 *
 * Everyone sees their own plan. Across schools nobody sees anything else. Within a
 * school, an advisor sees members of advisories they lead, a mentor sees active
 * mentees, and an admin sees everyone. Each grant needs both the role and the
 * relationship, so a student role alone grants nothing. A peer mentor is a
 * student who also has the mentor role, and sees only their mentees.
 *
 * When several grants apply, the basis is the closest relationship (advisor, then
 * mentor, then admin), so an audit of staff views shows why the viewer had access.
 */
export function canViewPlan(viewer: PlanViewer, subject: PlanSubject): PlanAccess {
  if (viewer.personId === subject.personId) {
    return { allowed: true, basis: 'self' };
  }
  if (viewer.schoolId !== subject.schoolId) {
    return { allowed: false, reason: 'other_school' };
  }

  const leadsSubjectAdvisory = viewer.advisoryIdsLed.some((advisoryId) => subject.advisoryIds.includes(advisoryId));
  if (viewer.roles.includes('advisor') && leadsSubjectAdvisory) {
    return { allowed: true, basis: 'advisor' };
  }
  if (viewer.roles.includes('mentor') && viewer.activeMenteeIds.includes(subject.personId)) {
    return { allowed: true, basis: 'mentor' };
  }
  if (viewer.roles.includes('admin')) {
    return { allowed: true, basis: 'admin' };
  }

  return { allowed: false, reason: 'not_related' };
}
