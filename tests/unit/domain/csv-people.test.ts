/**
 * Reading a cohort's people from a CSV file (domain/csv-people.ts): RFC 4180 quoting, a byte-order
 * mark, a header recognised by its words, and one plain sentence for each bad row, numbered as a
 * spreadsheet numbers it.
 */
import { CSV_IMPORT_MAX_CHARS, parseCsvRecords, parsePeopleCsv } from "../../../bot/src/domain/csv-people";
import { LIMITS } from "../../../bot/src/domain/limits";

const ID1 = "6e2a9f4c-1b7d-4c3e-9a8f-0d5b2c7e1f30";
const ID2 = "b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e";

describe("reading CSV records (RFC 4180)", () => {
  it("when fields are quoted, hold commas, doubled quotes and line breaks, then each is one field", () => {
    const { records, unclosedQuoteAt } = parseCsvRecords('a,"b, c","say ""hi"""\r\n"two\nlines",x,\n');
    expect(unclosedQuoteAt).toBeUndefined();
    expect(records).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["two\nlines", "x", ""],
    ]);
  });

  it("when the file starts with a UTF-8 byte-order mark and has no final line break, then neither shows", () => {
    expect(parseCsvRecords("\uFEFFname,email\nAda,ada@contoso.com").records).toEqual([
      ["name", "email"],
      ["Ada", "ada@contoso.com"],
    ]);
  });

  it("when a quote is never closed, then reading stops at that row and says so", () => {
    const result = parseCsvRecords('Ada,ada@contoso.com\n"Bob,bob@contoso.com\nCy,cy@contoso.com\n');
    expect(result.records).toEqual([["Ada", "ada@contoso.com"]]);
    expect(result.unclosedQuoteAt).toBe(2);
  });
});

describe("people from a CSV file", () => {
  it("when there is no header, then columns are name, e-mail or object id, job title, and ids are taken as they are", () => {
    const parsed = parsePeopleCsv(`Megan Bowen,${ID1},Finance manager\nAlex Wilber,Alex.Wilber@Contoso.com\n`);
    expect(parsed.header).toBe(false);
    expect(parsed.problems).toEqual([]);
    expect(parsed.people).toEqual([
      { row: 1, name: "Megan Bowen", key: { kind: "objectId", objectId: ID1 }, jobTitle: "Finance manager" },
      { row: 2, name: "Alex Wilber", key: { kind: "email", email: "alex.wilber@contoso.com" } },
    ]);
  });

  it("when the first row is a header, then it is recognised, columns may come in any order, and it counts as row 1", () => {
    const parsed = parsePeopleCsv(`\uFEFF"Job title","E-mail address",Name\r\nAnalyst,ada@contoso.com,"Lovelace, Ada"\r\n`);
    expect(parsed.header).toBe(true);
    expect(parsed.people).toEqual([{ row: 2, name: "Lovelace, Ada", key: { kind: "email", email: "ada@contoso.com" }, jobTitle: "Analyst" }]);
  });

  it("when a row is bad, then it gets its own plain sentence and the good rows stay", () => {
    const text = [
      "Name,Email or object id,Job title", // 1
      `Megan Bowen,${ID1},Manager`, // 2
      "Alex Wilber,alex@contoso.com,", // 3
      `,${ID2},Analyst`, // 4: no name
      "", // 5: blank, skipped
      "Bob,bob@,Clerk", // 6
      "Cy,,Clerk", // 7
      ",,", // 8: blank, skipped
      "Alex again,ALEX@contoso.com,", // 9: same e-mail as row 3
      `Megan twice,${ID1.toUpperCase()},`, // 10: same id as row 2
      "Dee,dee@contoso.com", // 11: e-mail without a name is fine (Teams names them)
    ].join("\n");
    const parsed = parsePeopleCsv(text);
    expect(parsed.problems.map((p) => p.message)).toEqual([
      "row 4: no name",
      "row 6: 'bob@' is not an e-mail address or an Entra object id",
      "row 7: no e-mail or object id",
      "row 9: listed twice (same as row 3)",
      "row 10: listed twice (same as row 2)",
    ]);
    expect(parsed.people.map((p) => p.row)).toEqual([2, 3, 11]);
  });

  it("when a bad row and a later good row name the same person, then the later one is not called a duplicate", () => {
    const parsed = parsePeopleCsv(`,${ID1}\nMegan,${ID1}\n`);
    expect(parsed.problems.map((p) => p.message)).toEqual(["row 1: no name"]);
    expect(parsed.people).toHaveLength(1);
  });

  it("when a name or job title is too long, then that row says so", () => {
    const parsed = parsePeopleCsv(`${"N".repeat(201)},${ID1}\nOk,${ID2},${"T".repeat(201)}\n`);
    expect(parsed.problems.map((p) => p.message)).toEqual(["row 1: the name is longer than 200 characters", "row 2: the job title is longer than 200 characters"]);
  });

  it("when a value is very long, then the message quotes only its start", () => {
    const [problem] = parsePeopleCsv(`Ada,${"x".repeat(300)}\n`).problems;
    expect(problem!.message.length).toBeLessThan(120);
    expect(problem!.message).toContain("…");
  });

  it("when someone is called Name, then a first row of just a name is not mistaken for a header", () => {
    expect(parsePeopleCsv(`Name,${ID1}\n`).header).toBe(false);
    expect(parsePeopleCsv(`Name,${ID1}\n`).people).toHaveLength(1);
  });

  it("when there are more people than a cohort takes, then the rest is one problem, not one per row", () => {
    const rows = Array.from({ length: 5 }, (_, i) => `P${i},p${i}@contoso.com`).join("\n");
    const parsed = parsePeopleCsv(rows, 3);
    expect(parsed.people).toHaveLength(3);
    expect(parsed.problems).toEqual([{ row: 4, message: expect.stringMatching(/^row 4 and after: a cohort takes at most 3 members/) }]);
  });

  it("when 1,000 rows hold 2 malformed ones and one for Teams to name, then exactly the 2 are reported", () => {
    const lines = ["name,email,job title"];
    for (let i = 0; i < 1000; i++) lines.push(i === 10 ? `,x${i}@contoso.com,` : i === 500 ? `P${i},not-an-address,` : i === 900 ? `P${i},p1@contoso.com,` : `P${i},p${i}@contoso.com,Role ${i}`);
    const parsed = parsePeopleCsv(lines.join("\r\n"));
    expect(parsed.people).toHaveLength(998);
    expect(parsed.problems.map((p) => p.row)).toEqual([502, 902]);
    // Row 12 (",x10@contoso.com,") has an e-mail and no name: Teams names that one, so it is not bad here.
    expect(parsed.people.find((p) => p.row === 12)?.name).toBe("");
  });

  it("the size limit fits under the API's request body limit", () => {
    expect(CSV_IMPORT_MAX_CHARS).toBeLessThan(LIMITS.requestBodyBytes);
  });
});
