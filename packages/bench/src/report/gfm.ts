/** Alignment of a table column: text left, figures right so their digits line up in a rendered table. */
export type Align = 'left' | 'right';

/**
 * A GitHub-flavoured Markdown table. Cells are escaped so user text (a fault spec, a scenario name)
 * cannot break the table: `|` is escaped and line breaks become spaces, since a GFM row is one line.
 */
export function gfmTable(head: readonly string[], rows: readonly (readonly string[])[], align: readonly Align[]): string {
  const cell = (s: string): string => s.replace(/\r?\n|\r/g, ' ').replaceAll('|', '\\|').trim() || ' ';
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${head.map((_, i) => (align[i] === 'right' ? ' ---: ' : ' --- ')).join('|')}|`;
  return [line(head), rule, ...rows.map(line)].join('\n');
}

/** Inline code for a name such as a storage level or fault spec; backticks inside are doubled-up safely. */
export function code(s: string): string {
  return s.includes('`') ? `\`\` ${s} \`\`` : `\`${s}\``;
}
