import { randomUUID } from 'node:crypto';
import {
  commandNames,
  handleDirectMessage,
  runCommand,
  submitReflectionForm,
  type ReflectionForm,
} from '../../src/bot/homeroom-bot.ts';
import type { OutgoingMessage } from '../../src/bot/message.ts';
import { findCommand, runCommandLine } from '../../src/cli/command-table.ts';
import type { Role } from '../../src/db/generated/enums.ts';
import { t } from '../../src/i18n/index.ts';
import { findActorByAccount, type Actor } from '../../src/people/accounts.ts';
import type { Runtime } from '../../src/runtime.ts';
import type { ConsoleInbox, InboxEntry } from './console-inbox.ts';
import { CONSOLE, linkConsoleAccount } from './console-platform.ts';
import { findInDirectory, loadDirectory, type DirectoryPerson } from './people-directory.ts';
import { renderText } from './render-text.ts';

/** A command line that could not be carried out. Its message states why and what to type instead. */
export class DemoCommandError extends Error {
  override name = 'DemoCommandError';
}

export type LineOutcome = 'continue' | 'quit';

// How many names the notice about waiting messages lists before "and N more".
const NOTICE_NAMES_MAX = 3;

const helpKeys = ['people', 'as', 'inbox', 'text', 'plan', 'goal', 'reflect', 'run', 'import', 'cli', 'help', 'quit'];

function roleList(roles: Role[]): string {
  return roles.map((role) => t(`console:roles.${role}`)).join(', ');
}

/**
 * One person's use of the console demo: who they are acting as, the open
 * reflection form, and the commands that turn typed lines into core calls.
 * Commands are matched in lower case only, so that a student's sentence
 * such as "As a team we..." is sent to the bot rather than read as `as`.
 */
export class DemoSession {
  private people: DirectoryPerson[] = [];
  private current: { person: DirectoryPerson; actor: Actor } | null = null;
  private openForm: ReflectionForm | null = null;
  // Messages up to this sequence number were already announced, so the notice does not repeat.
  private announcedUpTo = 0;

  constructor(
    private readonly runtime: Runtime,
    private readonly inbox: ConsoleInbox,
    private readonly print: (line: string) => void,
  ) {}

  /** The name of the person being acted as, or a placeholder before `as`. */
  get actingName(): string {
    return this.current?.person.name ?? t('console:prompt.nobody');
  }

  get formIsOpen(): boolean {
    return this.openForm !== null;
  }

  async loadPeople(): Promise<void> {
    this.people = await loadDirectory(this.runtime.db.prisma, this.runtime.bot.now());
  }

  /** Carries out one typed line. Throws DemoCommandError when the line cannot be carried out. */
  async execute(line: string): Promise<LineOutcome> {
    try {
      return await this.dispatch(line);
    } catch (error) {
      if (error instanceof DemoCommandError) throw error;
      this.runtime.logger.error({ err: error, personId: this.current?.person.id }, 'console command failed');
      const reason = error instanceof Error ? error.message : String(error);
      throw new DemoCommandError(`${t('console:errors.command_failed', { command: line.trim() })} ${reason}`);
    }
  }

  private async dispatch(line: string): Promise<LineOutcome> {
    if (this.openForm) {
      await this.answerForm(this.openForm, line);

      return 'continue';
    }

    const trimmed = line.trim();
    if (trimmed === '') return 'continue';
    const [word = ''] = trimmed.split(/\s+/, 1);
    const rest = trimmed.slice(word.length).trim();

    if (rest === '' && (word === 'quit' || word === 'exit')) {
      this.print(t('console:session.bye'));

      return 'quit';
    }

    if (rest === '' && word === 'help') this.printHelp();
    else if (rest === '' && word === 'people') this.printPeople();
    else if (rest === '' && word === 'inbox') this.showInbox();
    else if (word === 'as') await this.actAs(rest);
    else if (word.startsWith('/')) await this.runSlashCommand(word, rest);
    else if (findCommand([word])) await this.runCliCommand(trimmed.split(/\s+/));
    else await this.sendDirectMessage(line);

    return 'continue';
  }

  /**
   * Prints the acting person's unread messages and announces, once, those
   * waiting for others, in the order of the people list.
   */
  showNewMessages(): void {
    if (this.current) {
      const unread = this.inbox.unreadOf(this.current.person.id);
      for (const entry of unread) this.printBotMessage(this.current.person.name, entry.message);
      this.inbox.markRead(unread);
    }

    const waiting = this.inbox
      .peopleWithUnread()
      .filter((personId) => this.inbox.unreadOf(personId).some((entry) => entry.sequence > this.announcedUpTo));
    this.announcedUpTo = this.inbox.lastSequence();
    const names = this.people.filter((person) => waiting.includes(person.id)).map((person) => person.name);
    if (names.length === 0) return;
    const listed = names.slice(0, NOTICE_NAMES_MAX).join(', ');
    const text =
      names.length > NOTICE_NAMES_MAX ? t('console:session.unread_more', { names: listed, count: names.length - NOTICE_NAMES_MAX }) : listed;
    this.print(t('console:session.unread_notice', { count: names.length, names: text }));
  }

  private printBotMessage(name: string, message: OutgoingMessage): void {
    this.print(t('console:message.from_bot', { name }));
    for (const line of renderText(message)) this.print(`  ${line}`);
  }

  private printHelp(): void {
    this.print(t('console:help.title'));
    for (const key of helpKeys) this.print(`  ${t(`console:help.${key}`)}`);
  }

  private printPeople(): void {
    if (this.people.length === 0) {
      this.print(t('console:people.none'));

      return;
    }
    const width = String(this.people.length).length;
    for (const person of this.people) {
      const values = { number: String(person.number).padStart(width), name: person.name, roles: roleList(person.roles) };
      const heading = person.email ? t('console:people.line', { ...values, email: person.email }) : t('console:people.line_no_email', values);
      const details = [
        ...(person.memberOf.length > 0 ? [t('console:people.member_of', { advisories: person.memberOf.join(', ') })] : []),
        ...(person.advises.length > 0 ? [t('console:people.advises', { advisories: person.advises.join(', ') })] : []),
        ...(person.mentees.length > 0 ? [t('console:people.mentors', { students: person.mentees.join(', ') })] : []),
      ];
      this.print(details.length > 0 ? `${heading}; ${details.join('; ')}` : heading);
    }
  }

  private async actAs(query: string): Promise<void> {
    if (query === '') throw new DemoCommandError(t('console:errors.as_usage'));
    const match = findInDirectory(this.people, query);
    if (!match.ok && match.error === 'ambiguous') {
      const names = match.matches.map((person) => `${person.number}. ${person.name}`).join(', ');
      throw new DemoCommandError(t('console:errors.person_ambiguous', { query, names }));
    }
    if (!match.ok) throw new DemoCommandError(t('console:errors.person_not_found', { query }));

    // The console account goes through the same lookup as a Slack or Discord user's.
    const prisma = this.runtime.db.prisma;
    await linkConsoleAccount(prisma, match.person.id);
    const actor = await findActorByAccount(prisma, CONSOLE, match.person.id);
    if (!actor) throw new DemoCommandError(t('console:errors.person_inactive', { name: match.person.name }));

    this.current = { person: match.person, actor };
    this.print(t('console:session.now_acting_as', { name: match.person.name, roles: roleList(actor.roles) }));
    if (this.inbox.unreadOf(match.person.id).length === 0) this.print(t('console:session.no_new_messages'));
  }

  private requireActor(): { person: DirectoryPerson; actor: Actor } {
    if (!this.current) throw new DemoCommandError(t('console:errors.not_acting'));

    return this.current;
  }

  private showInbox(): void {
    const { person } = this.requireActor();
    const entries: InboxEntry[] = this.inbox.messagesOf(person.id);
    if (entries.length === 0) this.print(t('console:session.inbox_empty'));
    for (const entry of entries) this.printBotMessage(person.name, entry.message);
    this.inbox.markRead(entries);
  }

  private async runSlashCommand(word: string, text: string): Promise<void> {
    const command = word.slice(1);
    if (!(commandNames as readonly string[]).includes(command)) {
      throw new DemoCommandError(t('console:errors.unknown_slash_command', { command: word }));
    }
    const { person, actor } = this.requireActor();
    const result = await runCommand(this.runtime.bot, {
      actor,
      command: word,
      text,
      platform: CONSOLE,
      invocationId: randomUUID(),
    });

    if (result.kind === 'reply') {
      this.printBotMessage(person.name, result.message);

      return;
    }
    this.openForm = result.form;
    this.print(`  # ${t('console:session.form_title', { title: t('bot:reflection.form_title'), week: result.form.week })}`);
    for (const line of result.form.promptText.split('\n')) this.print(`  ${line}`);
    this.print(`  ${t('console:session.form_instructions')}`);
  }

  private async answerForm(form: ReflectionForm, line: string): Promise<void> {
    this.openForm = null;
    const { person, actor } = this.requireActor();
    if (line.trim() === '') {
      this.print(t('console:session.form_cancelled'));

      return;
    }
    const reply = await submitReflectionForm(this.runtime.bot, {
      actor,
      requestId: form.requestId,
      text: line,
      source: { platform: CONSOLE, messageId: `form-${randomUUID()}` },
    });
    if (reply) this.printBotMessage(person.name, reply);
  }

  private async sendDirectMessage(text: string): Promise<void> {
    const { person, actor } = this.requireActor();
    const reply = await handleDirectMessage(this.runtime.bot, {
      actor,
      text,
      source: { platform: CONSOLE, messageId: `dm-${randomUUID()}` },
    });
    if (reply) this.printBotMessage(person.name, reply);
  }

  private async runCliCommand(argv: string[]): Promise<void> {
    const output = await runCommandLine(this.runtime, argv, { inService: false, cwd: process.cwd() });
    if (output.exitCode !== 0) throw new DemoCommandError(output.lines.join('\n'));
    for (const line of output.lines) this.print(line);
    // An import can add, rename or deactivate people.
    await this.loadPeople();
  }
}
