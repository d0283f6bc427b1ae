// CSV for spreadsheets (the accountant's export): RFC 4180 quoting, CRLF line ends, a UTF-8 byte
// order mark so Excel reads Indonesian text as UTF-8, and CSV formula injection neutralised.
// Pure: no server-only, so the unit tests and any page can use it.

/** Excel and LibreOffice read UTF-8 only when the file starts with it. */
export const UTF8_BOM = "\uFEFF";

/** RFC 4180 ends every record with CRLF. */
export const CSV_LINE_END = "\r\n";

/**
 * A spreadsheet treats a cell that starts with one of these as a formula (or, for tab and carriage
 * return, strips them and reads what follows as one): `=HYPERLINK(...)` in a shopper's name would
 * run on the accountant's machine. Such a text cell gets a leading apostrophe, which spreadsheets
 * show as text and do not print (OWASP's advice).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | null | undefined;

/**
 * One cell: numbers as digits (money columns are integer rupiah, never negative, so they need no
 * neutralising), empty for null, and text neutralised then quoted when it holds a comma, a quote
 * or a line break (a quote inside is doubled).
 */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    // A negative number would start with "-"; money here never is, but a number is never a formula.
    return String(value);
  }
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record, line end included. */
export function csvRow(cells: readonly CsvCell[]): string {
  return cells.map(csvCell).join(",") + CSV_LINE_END;
}
