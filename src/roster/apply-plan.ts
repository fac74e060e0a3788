import { Prisma } from '../db/generated/client.ts';
import { chunks } from './existing.ts';
import type { ImportPlan, LinkRow, PersonRow } from './plan.ts';

// Rows per createMany (1,000 people are 9,000 bind parameters, well under
// PostgreSQL's limit of 65,535) and per JSON statement (one parameter).
const batchSize = 1_000;
const jsonBatchSize = 5_000;

/** Writes a plan in batches. Runs inside the import's transaction, so a failure writes nothing. */
export async function applyPlan(tx: Prisma.TransactionClient, plan: ImportPlan): Promise<void> {
  for (const batch of chunks(plan.schools.create, batchSize)) await tx.school.createMany({ data: batch });
  for (const school of plan.schools.update) await tx.school.update({ where: { id: school.id }, data: { name: school.name } });

  for (const batch of chunks(plan.persons.create, jsonBatchSize)) await insertPersons(tx, batch);
  for (const batch of chunks(plan.persons.update, jsonBatchSize)) await updatePersons(tx, batch);

  for (const batch of chunks(plan.terms.create, batchSize)) await tx.term.createMany({ data: batch });
  for (const term of plan.terms.update) {
    const { id, ...data } = term;
    await tx.term.update({ where: { id }, data });
  }
  for (const batch of chunks(plan.terms.remove, batchSize)) await tx.term.deleteMany({ where: { id: { in: batch.map((term) => term.id) } } });

  for (const batch of chunks(plan.advisories.create, batchSize)) await tx.advisory.createMany({ data: batch });
  for (const advisory of plan.advisories.update) {
    const { id, schoolId, title, active } = advisory;
    await tx.advisory.update({ where: { id }, data: { schoolId, title, active } });
  }

  for (const batch of chunks(plan.advisors.remove, batchSize)) await tx.advisoryAdvisor.deleteMany({ where: { OR: linkFilters(batch) } });
  for (const batch of chunks(plan.advisors.create, jsonBatchSize)) await insertLinks(tx, 'AdvisoryAdvisor', batch);
  for (const batch of chunks(plan.members.remove, batchSize)) await tx.advisoryMember.deleteMany({ where: { OR: linkFilters(batch) } });
  for (const batch of chunks(plan.members.create, jsonBatchSize)) await insertLinks(tx, 'AdvisoryMember', batch);

  for (const batch of chunks(plan.mentorships.create, batchSize)) await tx.mentorship.createMany({ data: batch });
  for (const mentorship of plan.mentorships.update) {
    await tx.mentorship.update({ where: { id: mentorship.id }, data: { cadence: mentorship.cadence, endedAt: null } });
  }
}

function linkFilters(links: LinkRow[]): LinkRow[] {
  return links.map(({ advisoryId, personId }) => ({ advisoryId, personId }));
}

// People and advisory links are the rows counted in thousands, so they are
// written with one SQL statement per batch, the rows passed as one JSON
// parameter. Prisma has no batch update with a different value per row, and
// its createMany took 5.2 s for 10,000 people (Prisma 7.10, local
// PostgreSQL 15, 2 cores), most of a whole import's time.

function personsJson(people: PersonRow[]): string {
  return JSON.stringify(
    people.map(({ id, sourcedId, schoolId, givenName, familyName, email, username, roles, active }) => ({ id, sourcedId, schoolId, givenName, familyName, email, username, roles, active })),
  );
}

async function insertPersons(tx: Prisma.TransactionClient, people: PersonRow[]): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "Person" ("id", "sourcedId", "schoolId", "givenName", "familyName", "email", "username", "roles", "active", "updatedAt")
    SELECT v."id", v."sourcedId", v."schoolId", v."givenName", v."familyName", v."email", v."username", v."roles"::"Role"[], v."active", now()
    FROM jsonb_to_recordset(${personsJson(people)}::jsonb)
      AS v("id" uuid, "sourcedId" text, "schoolId" uuid, "givenName" text, "familyName" text, "email" text, "username" text, "roles" text[], "active" boolean)`;
}

async function insertLinks(tx: Prisma.TransactionClient, table: 'AdvisoryAdvisor' | 'AdvisoryMember', links: LinkRow[]): Promise<void> {
  const rows = JSON.stringify(linkFilters(links));
  await tx.$executeRaw`
    INSERT INTO ${Prisma.raw(`"${table}"`)} ("advisoryId", "personId")
    SELECT v."advisoryId", v."personId" FROM jsonb_to_recordset(${rows}::jsonb) AS v("advisoryId" uuid, "personId" uuid)`;
}

async function updatePersons(tx: Prisma.TransactionClient, people: PersonRow[]): Promise<void> {
  await tx.$executeRaw`
    UPDATE "Person" AS p
    SET "schoolId" = v."schoolId", "givenName" = v."givenName", "familyName" = v."familyName",
        "email" = v."email", "username" = v."username", "roles" = v."roles"::"Role"[],
        "active" = v."active", "updatedAt" = now()
    FROM jsonb_to_recordset(${personsJson(people)}::jsonb)
      AS v("id" uuid, "schoolId" uuid, "givenName" text, "familyName" text, "email" text, "username" text, "roles" text[], "active" boolean)
    WHERE p."id" = v."id"`;
}
