/** A CLI command's output lines and exit status, the same whether it ran here or in the service. */
export interface CommandOutput {
  exitCode: number;
  lines: string[];
}

export class UsageError extends Error {
  override name = 'UsageError';
}

export function success(...lines: string[]): CommandOutput {
  return { exitCode: 0, lines };
}

export function failure(...lines: string[]): CommandOutput {
  return { exitCode: 1, lines };
}
