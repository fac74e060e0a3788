import { isValidTimeZone } from '../../config.ts';
import { countActiveStudents } from '../../people/students.ts';
import { parseLocalTime } from '../../domain/weekly-schedule.ts';
import type { DatabaseContext } from '../../runtime.ts';
import { failure, success, type CommandOutput } from '../command-output.ts';

const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** Lists the schools with their weekly prompt schedule and number of students. */
export async function listSchools(runtime: DatabaseContext): Promise<CommandOutput> {
  const schools = await runtime.db.prisma.school.findMany({ orderBy: { name: 'asc' } });
  if (schools.length === 0) return success('No schools yet. Import a roster: npm run homeroom -- import-roster DIR');

  const lines: string[] = [];
  for (const school of schools) {
    const students = await countActiveStudents(runtime.db.prisma, school.id);
    const day = weekdays[school.promptWeekday - 1] ?? '?';
    lines.push(
      `${school.sourcedId}  ${school.name}  ${students} students  prompts ${day} ${school.promptTime} ${school.timeZone}`,
    );
  }

  return success(...lines);
}

export interface SchoolSettings {
  timeZone?: string;
  promptDay?: string;
  promptTime?: string;
}

/** Changes a school's time zone or weekly prompt time. */
export async function updateSchool(runtime: DatabaseContext, sourcedId: string, settings: SchoolSettings): Promise<CommandOutput> {
  const school = await runtime.db.prisma.school.findUnique({ where: { sourcedId } });
  if (!school) return failure(`School "${sourcedId}" was not found. Run \`npm run homeroom -- schools\` to list them.`);

  const data: { timeZone?: string; promptWeekday?: number; promptTime?: string } = {};
  if (settings.timeZone !== undefined) {
    if (!isValidTimeZone(settings.timeZone)) {
      return failure(`--time-zone: "${settings.timeZone}" is not an IANA time zone such as America/Chicago.`);
    }
    data.timeZone = settings.timeZone;
  }
  if (settings.promptDay !== undefined) {
    const index = weekdays.indexOf(settings.promptDay.toLowerCase());
    if (index < 0) return failure(`--prompt-day: "${settings.promptDay}" is not a weekday. Use one of ${weekdays.join(', ')}.`);
    data.promptWeekday = index + 1;
  }
  if (settings.promptTime !== undefined) {
    const parsed = parseLocalTime(settings.promptTime);
    if (!parsed.ok) return failure(`--prompt-time: "${settings.promptTime}" is not a time. Use 24-hour HH:MM, such as 09:00.`);
    data.promptTime = settings.promptTime;
  }
  if (Object.keys(data).length === 0) return failure('Nothing to change. Use --time-zone, --prompt-day or --prompt-time.');

  const updated = await runtime.db.prisma.school.update({ where: { id: school.id }, data });
  const day = weekdays[updated.promptWeekday - 1];

  return success(`${updated.name}: prompts ${day} ${updated.promptTime} ${updated.timeZone}.`);
}
