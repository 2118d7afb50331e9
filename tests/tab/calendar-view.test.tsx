/**
 * The organisation calendar in jsdom with a scripted API: working days and holidays saved with the
 * ETag they were read with; another admin's save first (409) keeps every typed holiday and shows
 * theirs; the server's field messages land by the date they are about. Also the cohort form's
 * "Calendar" choice, which sends a cohort's own calendar only when asked to.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { TenantCalendarResponse } from "../../bot/src/contract/api-contract";
import { cohortInputFrom, EMPTY_COHORT_FORM } from "../../tab/src/views/CohortForm";
import CalendarView from "../../tab/src/views/CalendarView";
import CohortsView from "../../tab/src/views/CohortsView";
import { installFakeFetch, pending, type Route } from "../helpers/fake-fetch";

const wrap = (ui: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);
const ok = (body: unknown): Route => () => ({ status: 200, body });
const read: TenantCalendarResponse = { workingDays: [1, 2, 3, 4, 5], holidays: ["2026-12-25"], etag: "e1", updatedAt: "2026-03-01T09:00:00.000Z" };
const putBodies = (fetch: jest.Mock) => fetch.mock.calls.filter(([, init]) => init?.method === "PUT").map(([, init]) => JSON.parse(String(init.body)));
const holidaysIn = (year: string) => within(screen.getByRole("list", { name: year })).getAllByRole("listitem").map((li) => li.querySelector("span")?.textContent);

async function addHoliday(date: string) {
  const input = screen.getByLabelText("Holiday date");
  await userEvent.clear(input);
  await userEvent.type(input, date);
  await userEvent.click(screen.getByRole("button", { name: "Add holiday" }));
}

describe("the organisation calendar", () => {
  it("while it loads, then a spinner says so", () => {
    installFakeFetch({ "GET /api/calendar": pending });
    wrap(<CalendarView />);
    expect(screen.getByText("Loading the organisation calendar")).toBeInTheDocument();
  });

  it("when an admin makes Sunday a working day, drops Friday and adds New Year's Day, then the week and the sorted holidays are saved with the ETag read", async () => {
    const fetch = installFakeFetch({
      "GET /api/calendar": ok(read),
      "PUT /api/calendar": (init) => ({ status: 200, body: { ...JSON.parse(String(init?.body)), etag: "e2", updatedAt: "2026-03-02T09:00:00.000Z" } }),
    });
    wrap(<CalendarView />);
    expect(await screen.findByRole("checkbox", { name: "Monday" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Sunday" })).not.toBeChecked();
    expect(holidaysIn("2026")).toEqual(["Friday 25 December 2026"]);

    await userEvent.click(screen.getByRole("checkbox", { name: "Sunday" }));
    await userEvent.click(screen.getByRole("checkbox", { name: "Friday" }));
    await addHoliday("2027-01-01");
    await addHoliday("2026-12-24");
    // Shown sorted, by year.
    expect(holidaysIn("2026")).toEqual(["Thursday 24 December 2026", "Friday 25 December 2026"]);
    expect(holidaysIn("2027")).toEqual(["Friday 1 January 2027"]);
    // A date twice is refused on the spot.
    await addHoliday("2026-12-25");
    expect(screen.getByText("Friday 25 December 2026 is already a holiday.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Remove Thursday 24 December 2026" }));

    await userEvent.click(screen.getByRole("button", { name: "Save calendar" }));
    expect(await screen.findByText(/^Saved\./)).toBeInTheDocument();
    expect(putBodies(fetch)).toEqual([{ workingDays: [1, 2, 3, 4, 7], holidays: ["2026-12-25", "2027-01-01"], etag: "e1" }]);
  });

  it("when another admin saved first (409), then every typed holiday is still there, theirs are shown, and saving again is based on their version", async () => {
    const theirs: TenantCalendarResponse = { workingDays: [7, 1, 2, 3, 4], holidays: ["2026-12-25", "2026-12-28"], etag: "e9" };
    let gets = 0;
    let puts = 0;
    const fetch = installFakeFetch({
      "GET /api/calendar": () => ({ status: 200, body: gets++ === 0 ? read : theirs }),
      "PUT /api/calendar": (init) =>
        puts++ === 0
          ? { status: 409, body: { error: { code: "CONCURRENCY.CONFLICT", message: "Someone else changed the calendar.", issues: [] } } }
          : { status: 200, body: { ...JSON.parse(String(init?.body)), etag: "e10" } },
    });
    wrap(<CalendarView />);
    await screen.findByRole("checkbox", { name: "Monday" });
    await addHoliday("2027-04-02");
    await addHoliday("2026-08-31");
    await userEvent.click(screen.getByRole("button", { name: "Save calendar" }));

    expect(await screen.findByText("Another admin saved the calendar while you were editing.")).toBeInTheDocument();
    expect(screen.getByText(/They saved: working days Monday, Tuesday, Wednesday, Thursday, Sunday; holidays Friday 25 December 2026, Monday 28 December 2026/)).toBeInTheDocument();
    expect(holidaysIn("2026")).toEqual(["Monday 31 August 2026", "Friday 25 December 2026"]);
    expect(holidaysIn("2027")).toEqual(["Friday 2 April 2027"]);

    await userEvent.click(screen.getByRole("button", { name: "Add their holidays to mine" }));
    expect(holidaysIn("2026")).toEqual(["Monday 31 August 2026", "Friday 25 December 2026", "Monday 28 December 2026"]);
    await userEvent.click(screen.getByRole("button", { name: "Save mine over theirs" }));
    expect(await screen.findByText(/^Saved\./)).toBeInTheDocument();
    expect(putBodies(fetch)[1]).toEqual({ workingDays: [1, 2, 3, 4, 5], holidays: ["2026-08-31", "2026-12-25", "2026-12-28", "2027-04-02"], etag: "e9" });
  });

  it("when the server refuses a date, then its plain message is shown by that date; and with no working day, Save waits and says why", async () => {
    installFakeFetch({
      "GET /api/calendar": ok({ workingDays: [1, 2, 3, 4, 5], holidays: [] }),
      "PUT /api/calendar": () => ({ status: 400, body: { error: { code: "VALIDATION.INVALID_INPUT", message: "Please fix this: Holiday 2: 2031-01-01 is too far ahead.", issues: [{ field: "holidays.1", message: "Holiday 2: 2031-01-01 is too far ahead." }] } } }),
    });
    wrap(<CalendarView />);
    await screen.findByRole("checkbox", { name: "Monday" });
    await addHoliday("2026-12-25");
    await addHoliday("2031-01-01");
    await userEvent.click(screen.getByRole("button", { name: "Save calendar" }));
    const item = (await screen.findByText("Holiday 2: 2031-01-01 is too far ahead.")).closest("li")!;
    expect(within(item).getByText("Wednesday 1 January 2031")).toBeInTheDocument();
    expect(screen.getByText("Some details need fixing: see the messages by the fields above.")).toBeInTheDocument();

    for (const day of ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]) await userEvent.click(screen.getByRole("checkbox", { name: day }));
    expect(screen.getByText(/Choose at least one working day/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Save calendar" })).toBeDisabled();
  });

  it("when the organisation calendar cannot be read, then the error is shown with a retry", async () => {
    installFakeFetch({ "GET /api/calendar": () => ({ status: 403, body: { error: { code: "AUTH.FORBIDDEN", message: "Only admins can change the calendar.", issues: [] } } }) });
    wrap(<CalendarView />);
    expect(await screen.findByText("Only admins can change the calendar.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
  });
});

describe("a cohort's calendar in the cohort form", () => {
  it("when it follows the organisation's calendar, then none is sent; when it has its own, then its sorted week and holidays are", () => {
    const base = { ...EMPTY_COHORT_FORM, name: "Ops", trackId: "finance", startDate: "2026-05-04" };
    const followed = cohortInputFrom(base);
    expect(followed).not.toHaveProperty("workingDays");
    expect(followed).not.toHaveProperty("holidays");
    const own = cohortInputFrom({ ...base, calendar: { mode: "own", workingDays: [4, 7, 1, 2, 3], holidays: ["2026-12-25", "2026-05-25"] } });
    expect(own).toMatchObject({ workingDays: [1, 2, 3, 4, 7], holidays: ["2026-05-25", "2026-12-25"] });
  });

  it("when an admin chooses 'Use its own working days and holidays' on a new cohort, then the controls start from the organisation's calendar; back to 'Follow', they go", async () => {
    installFakeFetch({
      "GET /api/cohorts": ok([]),
      "GET /api/tracks": ok([{ id: "finance", name: "Finance", role: "finance", audience: "", sessionCount: 4 }]),
      "GET /api/calendar": ok({ workingDays: [7, 1, 2, 3, 4], holidays: ["2026-09-23"], etag: "e1" }),
    });
    wrap(<CohortsView />);
    const follow = await screen.findByRole("radio", { name: "Follow the organisation's calendar" });
    expect(follow).toBeChecked();
    expect(screen.queryByRole("checkbox", { name: "Sunday" })).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole("radio", { name: "Use its own working days and holidays" }));
    expect(await screen.findByRole("checkbox", { name: "Sunday" })).toBeChecked();
    expect(screen.getByRole("checkbox", { name: "Friday" })).not.toBeChecked();
    expect(holidaysIn("2026")).toEqual(["Wednesday 23 September 2026"]);
    await userEvent.click(follow);
    expect(screen.queryByRole("checkbox", { name: "Sunday" })).not.toBeInTheDocument();
  });
});
