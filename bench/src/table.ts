/** A GitHub Markdown table; cells are stringified, `|` escaped. */
export function markdownTable(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  for (const row of rows) {
    if (row.length !== headers.length) {
      throw new Error(
        `table row has ${row.length} cells for ${headers.length} columns: ${row.join(', ')}`,
      );
    }
  }
  const cell = (value: string | number) => String(value).replace(/\|/g, '\\|');
  const line = (cells: ReadonlyArray<string | number>) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Replace the text between two marker comments in a document; both must be present. */
export function replaceBetween(
  document: string,
  start: string,
  end: string,
  content: string,
): string {
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from === -1 || to === -1 || to < from) {
    throw new Error(
      `markers ${start} … ${end} not found in order; refusing to rewrite the document`,
    );
  }
  return `${document.slice(0, from + start.length)}\n${content}\n${document.slice(to)}`;
}
