import { inspect } from 'node:util';

export interface Style {
  enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

/** Colour only on a terminal, never with NO_COLOR (any value) or TERM=dumb; FORCE_COLOR wins otherwise. */
export function colorWanted(env: NodeJS.ProcessEnv, isTTY: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  return isTTY && env.TERM !== 'dumb';
}

type Colour = 'bold' | 'dim' | 'green' | 'red' | 'yellow' | 'cyan';

// The decision is made once, above; util.styleText would second-guess it per
// stream on newer Node versions, so the escape codes are applied directly.
function painter(enabled: boolean, colour: Colour): (text: string) => string {
  const codes = inspect.colors[colour];
  if (!enabled || codes === undefined) return (text) => text;
  const [open, close] = codes;
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

export function createStyle(enabled: boolean): Style {
  return {
    enabled,
    bold: painter(enabled, 'bold'),
    dim: painter(enabled, 'dim'),
    green: painter(enabled, 'green'),
    red: painter(enabled, 'red'),
    yellow: painter(enabled, 'yellow'),
    cyan: painter(enabled, 'cyan'),
  };
}
