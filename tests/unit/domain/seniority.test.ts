import { DEFAULT_SENIORITY_RULES, seniorityOf } from "../../../bot/src/domain/seniority";

describe("seniorityOf", () => {
  it.each([
    ["Financial Analyst", "individual"],
    ["Finance Business Partner", "individual"],
    ["Operations Director", "executive"],
    ["Head of Marketing", "executive"],
    ["Project Manager", "manager"],
    ["Team Lead, Accounts Payable", "manager"],
    ["MVP Programme Coordinator", "individual"],
    ["Leader-board analyst", "individual"],
    ["", "individual"],
  ])("%s is %s by the default rules", (jobTitle, level) => {
    expect(seniorityOf({ jobTitle })).toBe(level);
  });

  it("prefers the admin's explicit choice to the title", () => {
    expect(seniorityOf({ jobTitle: "Chief Financial Officer", seniority: "individual" })).toBe("individual");
  });

  it("applies an organisation's own rules in order", () => {
    const rules = [{ level: "manager" as const, titleContains: ["business partner"] }, ...DEFAULT_SENIORITY_RULES];
    expect(seniorityOf({ jobTitle: "Finance Business Partner" }, rules)).toBe("manager");
    expect(seniorityOf({ jobTitle: "Project Manager" }, [])).toBe("individual");
  });
});
