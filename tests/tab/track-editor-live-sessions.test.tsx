/**
 * The track editor's "Live sessions" section, in jsdom with the API answered at the network edge
 * (fake fetch): a track on the defaults shows them and saves nothing of its own until a row is
 * changed; a changed row saves the whole list; "No live sessions" saves `[]` and "Use the defaults"
 * leaves the list out; the server's `liveSessions[0].week` lands on that row's week; a week left
 * without its session is caught before sending; unsaved rows survive closing the editor.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { SaveTrackRequest, TrackContent, TrackContentSession, TrackDetail } from "../../bot/src/contract/track-authoring-contract";
import TracksView from "../../tab/src/views/TracksView";
import { installFakeFetch, type Route } from "../helpers/fake-fetch";

configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(60_000);

const wrap = (ui: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);

const session = (number: number, title: string): TrackContentSession => ({
  number,
  title,
  learn: { workflow: `Workflow ${number}`, summary: "Why it matters.", tryThis: ["Try it on real work."], examplePrompt: "Draft it.", watchOut: "Check the numbers." },
  apply: { prompt: "Which piece of work?", examples: [] },
  reflectQuestions: [],
  links: [],
  variants: {},
});
const content: TrackContent = {
  name: "Finance at Contoso",
  role: "finance",
  audience: "Finance analysts",
  description: "Two weeks on month-end work.",
  defaultLocalTime: "09:30",
  adoptionCheckWeeks: [4],
  seniorityRules: [],
  sessions: [session(1, "Variance commentary"), session(2, "Forecast narratives")],
};
const detail = (c: TrackContent = content): TrackDetail => ({ id: "org-fin", content: c, version: 2, etag: "etag-2", builtIn: false, updatedByName: "Adele Vance", cohortsOnOlderVersions: [], effectiveLiveSessions: [], liveSessionsAreDefaults: !c.liveSessions });
const listed = [{ id: "org-fin", name: "Finance at Contoso", role: "finance", audience: "Finance analysts", sessionCount: 2, builtIn: false, version: 2 }];
const previewRoute: Route = () => ({ status: 200, body: { card: { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "Preview", wrap: true }] }, sizeBytes: 512 } });

function routes(read: TrackDetail, extra: Record<string, Route> = {}): Record<string, Route> {
  return {
    "GET /api/tracks": () => ({ status: 200, body: listed }),
    "GET /api/tracks/org-fin": () => ({ status: 200, body: read }),
    "POST /api/tracks/org-fin/preview": previewRoute,
    "PUT /api/tracks/org-fin": () => ({ status: 200, body: { ...read, version: 3, etag: "etag-3" } }),
    ...extra,
  };
}
const puts = (fetch: jest.Mock): SaveTrackRequest[] => fetch.mock.calls.filter(([u, init]) => u === "/api/tracks/org-fin" && init?.method === "PUT").map(([, init]) => JSON.parse(String(init.body)) as SaveTrackRequest);

async function openLiveSessions() {
  await userEvent.click(await screen.findByRole("button", { name: "Edit Finance at Contoso" }));
  return screen.findByRole("region", { name: "Live sessions" });
}

async function retype(input: HTMLElement, text: string) {
  await userEvent.clear(input);
  if (text) {
    await userEvent.click(input);
    await userEvent.paste(text);
  }
}

afterEach(() => sessionStorage.clear());

describe("live sessions in the track editor", () => {
  it("when the track is on the defaults, then they are listed and said to be the defaults, and a save leaves the list out", async () => {
    const fetch = installFakeFetch(routes(detail()));
    wrap(<TracksView />);
    const section = await openLiveSessions();
    expect(within(section).getByRole("status")).toHaveTextContent("These are the defaults");
    expect(within(section).getByRole("textbox", { name: "Live session 1 title" })).toHaveValue("Kick-off");
    expect(within(section).getByRole("combobox", { name: "Live session 1 kind" })).toHaveValue("kickoff");
    expect(within(section).getByRole("combobox", { name: "Live session 3 week" })).toHaveValue("2");
    expect(within(section).getByRole("combobox", { name: "Live session 3 kind" })).toHaveValue("clinic");
    expect(within(section).queryByRole("button", { name: "Use the defaults" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved as version 3.")).toBeInTheDocument();
    expect(puts(fetch)[0]!.content).not.toHaveProperty("liveSessions");
  });

  it("when the admin gives the week-2 clinic an hour at 14:00, then the whole list is saved as the track's own, with that change", async () => {
    const fetch = installFakeFetch(routes(detail()));
    wrap(<TracksView />);
    const section = await openLiveSessions();
    await retype(within(section).getByRole("spinbutton", { name: "Live session 3 length (minutes)" }), "60");
    await userEvent.type(within(section).getByLabelText("Live session 3 time (optional)"), "14:00");
    await retype(within(section).getByRole("textbox", { name: "Live session 1 title" }), "Kick-off with the CFO");
    expect(within(section).getByRole("status")).toHaveTextContent("3 live sessions of this track's own.");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved as version 3.")).toBeInTheDocument();
    expect(puts(fetch)[0]!.content.liveSessions).toEqual([
      { key: "kickoff", kind: "kickoff", week: 1, title: "Kick-off with the CFO", durationMinutes: 45 },
      { key: "clinic.s1", kind: "clinic", week: 1, title: "Clinic: what worked and what got stuck after session 1", durationMinutes: 45 },
      { key: "clinic.s2", kind: "clinic", week: 2, title: "Clinic: what worked and what got stuck after session 2", durationMinutes: 60, localTime: "14:00" },
    ]);
  });

  it("when the admin chooses no live sessions, then [] is saved; choosing the defaults again leaves the list out", async () => {
    const fetch = installFakeFetch(routes(detail()));
    wrap(<TracksView />);
    const section = await openLiveSessions();
    await userEvent.click(within(section).getByRole("button", { name: "No live sessions" }));
    expect(within(section).getByRole("status")).toHaveTextContent("No live sessions: cohorts on this track get no Teams meetings.");
    expect(within(section).queryByRole("textbox", { name: "Live session 1 title" })).toBeNull();
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved as version 3.")).toBeInTheDocument();
    expect(puts(fetch)[0]!.content.liveSessions).toEqual([]);
    await userEvent.click(within(section).getByRole("button", { name: "Use the defaults" }));
    expect(within(section).getByRole("textbox", { name: "Live session 1 title" })).toHaveValue("Kick-off");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(puts(fetch)).toHaveLength(2));
    expect(puts(fetch)[1]!.content).not.toHaveProperty("liveSessions");
  });

  it("when the admin adds a clinic and removes the kick-off, then the new row has its own key and the kick-off is gone", async () => {
    const own = { ...content, liveSessions: [{ key: "kickoff", kind: "kickoff" as const, week: 1, title: "Kick-off", durationMinutes: 45 }] };
    const fetch = installFakeFetch(routes(detail(own)));
    wrap(<TracksView />);
    const section = await openLiveSessions();
    await userEvent.click(within(section).getByRole("button", { name: "Add a live session" }));
    await userEvent.selectOptions(within(section).getByRole("combobox", { name: "Live session 2 week" }), "1");
    await userEvent.click(within(section).getByRole("button", { name: "Remove live session 1" }));
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved as version 3.")).toBeInTheDocument();
    expect(puts(fetch)[0]!.content.liveSessions).toEqual([{ key: "clinic.s2", kind: "clinic", week: 1, title: "Clinic after session 2", durationMinutes: 45 }]);
  });

  it("when the server refuses liveSessions[0].week, then the message shows on that row's week and nothing typed is lost", async () => {
    const own = { ...content, liveSessions: [{ key: "kickoff", kind: "kickoff" as const, week: 1, title: "Kick-off", durationMinutes: 45 }] };
    installFakeFetch(
      routes(detail(own), {
        "PUT /api/tracks/org-fin": () => ({
          status: 400,
          body: { error: { code: "VALIDATION.INVALID_INPUT", message: "Please fix this.", issues: [{ field: "liveSessions[0].week", message: "Live session 1, week: must be the week of one of the track's sessions." }] } },
        }),
      }),
    );
    wrap(<TracksView />);
    const section = await openLiveSessions();
    await retype(within(section).getByRole("textbox", { name: "Live session 1 title" }), "Kick-off with the CFO");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(within(section).getByRole("combobox", { name: "Live session 1 week" })).toHaveAccessibleDescription("Live session 1, week: must be the week of one of the track's sessions."));
    expect(screen.getByText("Some details need fixing: see the messages by the fields above.")).toBeInTheDocument();
    expect(within(section).getByRole("textbox", { name: "Live session 1 title" })).toHaveValue("Kick-off with the CFO");
  });

  it("when the session a live session is in is removed, or its length is out of range, then the tab says so on the fields and sends nothing", async () => {
    const own = { ...content, liveSessions: [{ key: "clinic.s2", kind: "clinic" as const, week: 2, title: "Clinic", durationMinutes: 45 }] };
    const fetch = installFakeFetch(routes(detail(own)));
    wrap(<TracksView />);
    const section = await openLiveSessions();
    await userEvent.click(screen.getByRole("button", { name: "Remove session 2" }));
    expect(within(section).getByRole("combobox", { name: "Live session 1 week" })).toHaveDisplayValue("Week 2 (no such session)");
    await retype(within(section).getByRole("spinbutton", { name: "Live session 1 length (minutes)" }), "5");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(within(section).getByRole("combobox", { name: "Live session 1 week" })).toHaveAccessibleDescription(/must be the week of one of the track's sessions/);
    expect(within(section).getByRole("spinbutton", { name: "Live session 1 length (minutes)" })).toHaveAccessibleDescription(/from 15 to 240/);
    expect(puts(fetch)).toEqual([]);
  });

  it("when the admin closes the editor with a live session changed, then reopening it restores the change", async () => {
    installFakeFetch(routes(detail()));
    wrap(<TracksView />);
    const section = await openLiveSessions();
    await retype(within(section).getByRole("textbox", { name: "Live session 1 title" }), "Kick-off with the CFO");
    await userEvent.click(screen.getAllByRole("button", { name: "Back to tracks" })[0]!);
    const again = await openLiveSessions();
    expect(within(again).getByRole("textbox", { name: "Live session 1 title" })).toHaveValue("Kick-off with the CFO");
    expect(within(again).getByRole("status")).toHaveTextContent("3 live sessions of this track's own.");
  });
});
