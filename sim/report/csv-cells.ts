// Cells of the CSV reports (events.csv, history.csv, metrics.csv) that a
// spreadsheet would evaluate instead of show. A key pattern, a workload name
// in a value, an error message or an event detail can start with `=`, `+`,
// `-` or `@` (or a tab or carriage return, which some spreadsheets skip
// before looking): opened in Excel, LibreOffice or Google Sheets such a cell
// is a formula, and `=HYPERLINK(…)` or `=cmd|…` does what it says (OWASP's
// "CSV injection"). Such a cell is written with a `'` in front, as OWASP
// advises; a spreadsheet shows the text and hides the quote.
//
// Numbers stay as they are (a negative time like -15000 is a number to a
// spreadsheet, not a formula), and so does every other cell. A cell that
// itself starts with `'` gets one more, so that reading is exact: to get the
// value back, drop one leading `'` from a cell that has one.

const FORMULA_START = /^[=+\-@\t\r]/;
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** The cell as the CSV files write it. */
export function neutralise(cell: string): string {
  return cell.startsWith("'") || (FORMULA_START.test(cell) && !NUMBER.test(cell)) ? `'${cell}` : cell;
}

/** The value of a cell neutralise() wrote. */
export function unneutralise(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}
