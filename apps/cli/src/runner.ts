import type { CommandContext, CommandOutput, StoreKind } from './context.js';

/** Options every command accepts. */
export interface GlobalArgs {
  registry?: string;
  store: StoreKind;
  json: boolean;
  verbose: boolean;
  color?: boolean;
}

/** Runs one command implementation with a context, and prints its output. */
export type Runner = (
  args: Partial<GlobalArgs> & { [key: string]: unknown },
  implementation: (ctx: CommandContext) => Promise<CommandOutput>,
) => Promise<void>;
