// Stand-in for the `string-width` package inside the bundled CLI (see
// tsup.config.ts). yargs uses it only to lay out --help columns, but the real
// package builds an Intl.Segmenter when it loads, which costs more start-up
// time than the rest of yargs together. Help text here is ASCII plus a few
// symbols, so counting code points after removing colour codes is exact.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
const ANSI = /\u001b\[[0-9;]*m/g;

export default function stringWidth(text: string): number {
  let width = 0;
  for (const _ of String(text).replace(ANSI, '')) width++;
  return width;
}
