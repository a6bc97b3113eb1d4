import Table from 'cli-table3';

export type ColumnAlign = 'left' | 'right';

const NO_BORDER = {
  top: '', 'top-mid': '', 'top-left': '', 'top-right': '',
  bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '',
  left: '', 'left-mid': '', right: '', 'right-mid': '',
};

/**
 * A cli-table3 table without borders: two spaces between columns and a rule under the header. Box
 * borders and padding would cost three characters a column, and the summary must fit 100–140 columns
 * with its CIs. No colours and no trailing blanks: the output also goes to files and CI logs.
 */
export function compactTable(head: readonly string[], colAligns: readonly ColumnAlign[], rows: readonly (readonly string[])[]): string {
  const t = new Table({
    head: [...head],
    colAligns: [...colAligns],
    chars: { ...NO_BORDER, mid: '─', 'mid-mid': '──', middle: '  ' },
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 0 },
  });
  t.push(...rows.map((r) => [...r]));
  return t
    .toString()
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}
