/** How typed text becomes a command: whole leading words, any spacing or case, never a substring. */
import { BOT_COMMANDS } from "../../../bot/src/contract/bot-commands";
import { parseCommand } from "../../../bot/src/teams/commands";

describe("parseCommand", () => {
  it.each([
    ["help", "help"],
    ["Help?", "help"],
    ["  HELP  ", "help"],
    ["Check in", "checkin"],
    ["check-in", "checkin"],
    ["checkin please", "checkin"],
    ["My-Data", "my data"],
    ["my_data", "my data"],
    ["who needs help", "who needs help"],
    ["Who   needs help?", "who needs help"],
    ["create cohort for finance", "create cohort"],
    ["win: drafted the board pack", undefined],
    ["win drafted the board pack", "win"],
  ])("reads %j as %j", (text, expected) => {
    expect(parseCommand(text)).toBe(expected);
  });

  it.each(["winter plans", "helpful", "nexting", "", "   ", "?", "progressive"])("does not read %j as a command", (text) => {
    expect(parseCommand(text)).toBeUndefined();
  });

  it("when a command's name is typed as it is listed, then that command is found, so no command shadows another", () => {
    for (const command of BOT_COMMANDS) expect(parseCommand(command.name)).toBe(command.name);
  });

  it("when a longer command starts with a shorter one's words, then the longer one wins", () => {
    // "who needs help" ends with "help", and "my cohorts" / "my data" share "my".
    expect(parseCommand("my cohorts")).toBe("my cohorts");
    expect(parseCommand("my data")).toBe("my data");
    expect(parseCommand("help who needs")).toBe("help");
  });
});
