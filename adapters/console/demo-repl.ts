import { createInterface } from 'node:readline';
import { t } from '../../src/i18n/index.ts';
import { DemoCommandError, type DemoSession } from './demo-session.ts';

/**
 * Reads commands typed in the terminal until `quit`, Ctrl+C or the end of
 * input. A failed command prints its error and the session goes on.
 */
export async function runRepl(session: DemoSession, printError: (line: string) => void): Promise<void> {
  const reader = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY === true });
  // Without a listener, Ctrl+C in the terminal would only pause the input.
  reader.on('SIGINT', () => reader.close());

  const showPrompt = () => {
    const key = session.formIsOpen ? 'console:prompt.repl_form' : 'console:prompt.repl';
    reader.setPrompt(t(key, { name: session.actingName }));
    reader.prompt();
  };

  showPrompt();
  try {
    for await (const line of reader) {
      try {
        const outcome = await session.execute(line);
        session.showNewMessages();
        if (outcome === 'quit') break;
      } catch (error) {
        if (!(error instanceof DemoCommandError)) throw error;
        printError(error.message);
      }
      showPrompt();
    }
  } finally {
    reader.close();
  }
}
