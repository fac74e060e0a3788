import { t } from '../../src/i18n/index.ts';
import { DemoCommandError, type DemoSession } from './demo-session.ts';

export interface ScriptLine {
  /** Line number in the file, from 1, for error messages. */
  number: number;
  text: string;
}

/** Returns the lines of a demo script to run: blank lines and lines starting with `#` are left out. */
export function parseScript(content: string): ScriptLine[] {
  return content
    .split(/\r?\n/)
    .map((text, index) => ({ number: index + 1, text }))
    .filter((line) => line.text.trim() !== '' && !line.text.trim().startsWith('#'));
}

export interface ScriptOutput {
  print(line: string): void;
  printError(line: string): void;
}

/**
 * Runs the script's lines in order, echoing each one after the name of the
 * person acting. Returns the exit status: 0 when every line ran, 1 at the
 * first line that failed.
 */
export async function runScript(session: DemoSession, file: string, lines: ScriptLine[], output: ScriptOutput): Promise<number> {
  for (const line of lines) {
    // A blank line before each command separates one exchange from the next.
    output.print('');
    const echoKey = session.formIsOpen ? 'console:prompt.echo_form' : 'console:prompt.echo';
    output.print(t(echoKey, { name: session.actingName, line: line.text.trim() }));
    try {
      const outcome = await session.execute(line.text);
      session.showNewMessages();
      if (outcome === 'quit') return 0;
    } catch (error) {
      if (!(error instanceof DemoCommandError)) throw error;
      output.printError(t('console:script.failed', { file, line: line.number, message: error.message }));

      return 1;
    }
  }

  if (session.formIsOpen) {
    output.printError(t('console:script.unanswered_form', { name: session.actingName }));

    return 1;
  }

  return 0;
}
