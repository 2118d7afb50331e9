/**
 * A cohort's people from a CSV file: name, e-mail or Entra object id, job title. Pure: it reads the
 * text as RFC 4180 (quoted fields, doubled quotes, line breaks inside quotes, CRLF or LF), tolerates
 * a UTF-8 byte-order mark, recognises a header row by its words (then columns may come in any
 * order), and says what is wrong with each bad row in words a spreadsheet user can act on. Row
 * numbers are the spreadsheet's: the header, if any, is row 1 and blank rows count.
 *
 * It does not look anyone up: an e-mail address still has to be found in Teams (usecases/cohorts/import-people.ts).
 */
import { LIMITS } from "./limits";

/**
 * The most text one import takes. Bounded by the API's request body limit (LIMITS.requestBodyBytes,
 * 256 KB of JSON): about 2,500 people a file at 80 characters a row.
 */
export const CSV_IMPORT_MAX_CHARS = 200_000;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Deliberately loose: one @, something either side, a dot in the domain, no spaces. Teams decides who it is. */
const EMAIL = /^[^\s@"<>(),;:]+@[^\s@"<>(),;:]+\.[^\s@"<>(),;:.]+$/;

export type PersonKey = { kind: "objectId"; objectId: string } | { kind: "email"; email: string };

/** A row that names someone: by object id (taken as it is) or by e-mail (to be found in Teams). */
export interface CsvPersonRow {
  row: number;
  key: PersonKey;
  /** Empty only for an e-mail row: the name then comes from Teams. */
  name: string;
  jobTitle?: string;
}

export interface CsvRowProblem {
  row: number;
  /** "row 4: no name". */
  message: string;
}

export interface ParsedPeopleCsv {
  /** Whether the first row was taken as a header. */
  header: boolean;
  people: CsvPersonRow[];
  problems: CsvRowProblem[];
}

type Column = "name" | "id" | "jobTitle";

/** Header words (lower case, letters only), per column. */
const HEADER_WORDS: Record<Column, readonly string[]> = {
  name: ["name", "displayname", "fullname", "member", "person", "employee"],
  id: ["email", "emailaddress", "mail", "objectid", "aadobjectid", "entraobjectid", "entraid", "azureadobjectid", "userid", "id", "emailorobjectid", "emailorid", "upn", "userprincipalname"],
  jobTitle: ["jobtitle", "title", "role", "position", "job"],
};

/** The text's records (rows of fields), RFC 4180; a quote left open stops the reading at its row. */
export function parseCsvRecords(input: string): { records: string[][]; unclosedQuoteAt?: number } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endField = () => {
    record.push(field);
    field = "";
  };
  const endRecord = () => {
    endField();
    records.push(record);
    record = [];
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field.trim() === "") {
      // A quote opens a field only at its start (spaces before it, as spreadsheets write them, are dropped).
      field = "";
      quoted = true;
    } else if (ch === ",") endField();
    else if (ch === "\r" || ch === "\n") {
      endRecord();
      if (ch === "\r" && text[i + 1] === "\n") i++;
    } else field += ch;
    i++;
  }
  if (quoted) return { records, unclosedQuoteAt: records.length + 1 };
  // The last row, unless the file ended with a line break.
  if (field !== "" || record.length > 0) endRecord();
  return { records };
}

const wordOf = (cell: string) => cell.toLowerCase().replace(/[^a-z]/g, "");

/** The columns a header row names, or undefined when the row is not a header. */
function headerColumns(cells: string[]): Partial<Record<Column, number>> | undefined {
  if (cells.some((c) => GUID.test(c.trim()) || EMAIL.test(c.trim()))) return undefined;
  const found: Partial<Record<Column, number>> = {};
  cells.forEach((cell, index) => {
    const word = wordOf(cell);
    for (const column of ["id", "jobTitle", "name"] as const) {
      if (found[column] === undefined && HEADER_WORDS[column].includes(word)) {
        found[column] = index;
        return;
      }
    }
  });
  // "Name" alone could be somebody called Name: a header names the id column, or two columns.
  return found.id !== undefined || Object.keys(found).length >= 2 ? found : undefined;
}

function shown(value: string): string {
  return value.length > 60 ? `${value.slice(0, 57)}…` : value;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/**
 * Reads people from CSV text. Blank rows are skipped; every other row is a person or a problem.
 * At most `maxPeople` people: rows after that are one problem, not thousands.
 */
export function parsePeopleCsv(text: string, maxPeople: number = LIMITS.membersPerCohort): ParsedPeopleCsv {
  const { records, unclosedQuoteAt } = parseCsvRecords(text);
  const first = records[0];
  const named = first ? headerColumns(first) : undefined;
  const columns: Record<Column, number> = named
    ? { name: named.name ?? -1, id: named.id ?? -1, jobTitle: named.jobTitle ?? -1 }
    : { name: 0, id: 1, jobTitle: 2 };
  const people: CsvPersonRow[] = [];
  const problems: CsvRowProblem[] = [];
  const seen = new Map<string, number>();
  const cell = (cells: string[], column: Column) => (columns[column] >= 0 ? (cells[columns[column]] ?? "").trim() : "");

  for (let index = named ? 1 : 0; index < records.length; index++) {
    const cells = records[index]!;
    const row = index + 1;
    if (cells.every((c) => c.trim() === "")) continue;
    if (people.length >= maxPeople) {
      problems.push({ row, message: `row ${row} and after: a cohort takes at most ${plural(maxPeople, "member")}, so these rows were not read. Split the file into more than one cohort.` });
      break;
    }
    const problem = (message: string) => problems.push({ row, message: `row ${row}: ${message}` });
    const name = cell(cells, "name");
    const id = cell(cells, "id");
    const jobTitle = cell(cells, "jobTitle");
    if (!id) {
      problem(name ? "no e-mail or object id" : "no name, and no e-mail or object id");
      continue;
    }
    const key: PersonKey | undefined = GUID.test(id) ? { kind: "objectId", objectId: id.toLowerCase() } : EMAIL.test(id) ? { kind: "email", email: id.toLowerCase() } : undefined;
    if (!key) {
      problem(`'${shown(id)}' is not an e-mail address or an Entra object id`);
      continue;
    }
    const identity = key.kind === "objectId" ? key.objectId : key.email;
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      problem(`listed twice (same as row ${earlier})`);
      continue;
    }
    if (!name && key.kind === "objectId") {
      problem("no name");
      continue;
    }
    if (name.length > LIMITS.shortText) {
      problem(`the name is longer than ${LIMITS.shortText} characters`);
      continue;
    }
    if (jobTitle.length > LIMITS.shortText) {
      problem(`the job title is longer than ${LIMITS.shortText} characters`);
      continue;
    }
    seen.set(identity, row);
    people.push({ row, key, name, ...(jobTitle ? { jobTitle } : {}) });
  }
  if (unclosedQuoteAt !== undefined) problems.push({ row: unclosedQuoteAt, message: `row ${unclosedQuoteAt}: a quote (") is opened but never closed, so this row and the rest of the file were not read` });
  return { header: !!named, people, problems };
}
