/**
 * Track authoring in the tab, in jsdom with the API answered at the network edge (fake fetch):
 * edits reach the live preview (drawn with the Adaptive Cards SDK), a save carries the ETag it
 * read, a conflict keeps everything typed and offers to save again over the other admin's version,
 * the server's field errors land on their fields, and a cohort can be moved to a newer version.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { configure, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { PreviewTrackRequest, SaveTrackRequest, TrackContent, TrackDetail, TrackMovePreview } from "../../bot/src/contract/track-authoring-contract";
import { TrackMovePanel } from "../../tab/src/views/TrackMovePanel";
import TracksView from "../../tab/src/views/TracksView";
import { installFakeFetch, type Route } from "../helpers/fake-fetch";

// The editor is a large form: on a busy machine its first render takes longer than the default second.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(60_000);

const wrap = (ui: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);

const content: TrackContent = {
  name: "Finance at Contoso",
  role: "finance",
  audience: "Finance analysts",
  description: "Four weeks on the work finance teams repeat every month.",
  defaultLocalTime: "09:30",
  adoptionCheckWeeks: [4, 8],
  seniorityRules: [],
  sessions: [
    {
      number: 1,
      title: "First drafts of variance commentary",
      learn: { workflow: "Monthly variance commentary", summary: "Commentary is where month-end time goes.", tryThis: ["Take last month's table.", "Ask for a first draft."], examplePrompt: "Draft one paragraph per variance.", watchOut: "It invents reasons." },
      apply: { prompt: "Which commentary will you draft this week?", examples: ["The board pack notes"] },
      reflectQuestions: ["How much of the draft did you keep?"],
      links: [],
      variants: {},
    },
  ],
};
const detail: TrackDetail = { id: "org-fin", content, version: 2, etag: "etag-2", builtIn: false, basedOn: "finance", updatedByName: "Adele Vance", cohortsOnOlderVersions: [] };
const theirs: TrackDetail = { ...detail, version: 3, etag: "etag-3", updatedByName: "Megan Bowen", content: { ...content, description: "Their new description." } };
const listed = [
  { id: "finance", name: "Finance: reporting, commentary and planning", role: "finance", audience: "Finance teams", sessionCount: 4, builtIn: true, version: 0 },
  { id: "org-fin", name: "Finance at Contoso", role: "finance", audience: "Finance analysts", sessionCount: 1, builtIn: false, version: 2 },
];

/** The server's preview stand-in: a real card showing the workflow it was sent, so the test sees edits drawn. */
const previewRoute: Route = (init) => {
  const body = JSON.parse(String(init?.body)) as PreviewTrackRequest;
  const session = body.content.sessions[body.sessionNumber - 1]!;
  return {
    status: 200,
    body: {
      card: { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: `Session ${session.number}: ${session.learn.workflow}`, wrap: true }], actions: [{ type: "Action.OpenUrl", title: "Open", url: "https://example.com" }] },
      sizeBytes: 2048,
    },
  };
};

function routes(extra: Record<string, Route> = {}): Record<string, Route> {
  return {
    "GET /api/tracks": () => ({ status: 200, body: listed }),
    "GET /api/tracks/org-fin": () => ({ status: 200, body: detail }),
    "POST /api/tracks/org-fin/preview": previewRoute,
    ...extra,
  };
}

const bodies = <T,>(fetch: jest.Mock, method: string, url: string): T[] => fetch.mock.calls.filter(([u, init]) => u === url && init?.method === method).map(([, init]) => JSON.parse(String(init.body)) as T);

async function openEditor() {
  await userEvent.click(await screen.findByRole("button", { name: "Edit Finance at Contoso" }));
  return screen.findByRole("textbox", { name: "Session 1 workflow" });
}

/** Replaces a field's text as a paste: one change, where typing would re-render the whole editor per key. */
async function retype(input: HTMLElement, text: string) {
  await userEvent.clear(input);
  await userEvent.click(input);
  await userEvent.paste(text);
}

afterEach(() => sessionStorage.clear());

describe("the track editor", () => {
  it("when an admin edits session 1's workflow, then the preview request carries the edit and the card drawn shows it", async () => {
    const fetch = installFakeFetch(routes());
    wrap(<TracksView />);
    const workflow = await openEditor();
    await retype(workflow, "Q4 board pack commentary");
    await waitFor(() => expect(bodies<PreviewTrackRequest>(fetch, "POST", "/api/tracks/org-fin/preview").at(-1)?.content.sessions[0]?.learn.workflow).toBe("Q4 board pack commentary"));
    const last = bodies<PreviewTrackRequest>(fetch, "POST", "/api/tracks/org-fin/preview").at(-1)!;
    expect(last).toMatchObject({ sessionNumber: 1, card: "brief", seniority: "individual" });
    const figure = await screen.findByRole("figure", { name: /Preview of session 1's brief/ });
    // The SDK loads on first use: give it time.
    await waitFor(() => expect(figure).toHaveTextContent("Session 1: Q4 board pack commentary"), { timeout: 8000 });
    // The preview's buttons are the SDK's (an Action.OpenUrl is a link to it), and pressing one sends nothing anywhere.
    const calls = fetch.mock.calls.length;
    await userEvent.click(within(figure).getByRole("link", { name: "Open" }));
    expect(fetch.mock.calls.length).toBe(calls);
  });

  it("when the admin picks the check-in card for managers, then the preview asks for that card and seniority", async () => {
    const fetch = installFakeFetch(routes());
    wrap(<TracksView />);
    await openEditor();
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Card to preview" }), "checkin");
    await userEvent.selectOptions(screen.getByRole("combobox", { name: "Preview as" }), "manager");
    await waitFor(() => expect(bodies<PreviewTrackRequest>(fetch, "POST", "/api/tracks/org-fin/preview").at(-1)).toMatchObject({ card: "checkin", seniority: "manager" }));
  });

  it("when the admin saves, then the request carries the ETag read and the edited content, and the new version is named", async () => {
    const fetch = installFakeFetch(routes({ "PUT /api/tracks/org-fin": () => ({ status: 200, body: { ...detail, version: 3, etag: "etag-3" } }) }));
    wrap(<TracksView />);
    await retype(await openEditor(), "Q4 board pack commentary");
    await retype(screen.getByRole("textbox", { name: "Tool name" }), "Microsoft 365 Copilot");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(await screen.findByText("Saved as version 3.")).toBeInTheDocument();
    const [sent] = bodies<SaveTrackRequest>(fetch, "PUT", "/api/tracks/org-fin");
    expect(sent!.etag).toBe("etag-2");
    expect(sent!.content.sessions[0]!.learn.workflow).toBe("Q4 board pack commentary");
    expect(sent!.content.approvedTool).toEqual({ name: "Microsoft 365 Copilot", howTo: [] });
  });

  it("when another admin saved first, then the 409 is explained with their version, the typed text stays, and keeping mine saves over their ETag", async () => {
    let puts = 0;
    let reads = 0;
    const fetch = installFakeFetch(
      routes({
        "GET /api/tracks/org-fin": () => ({ status: 200, body: ++reads === 1 ? detail : theirs }),
        "PUT /api/tracks/org-fin": () =>
          ++puts === 1
            ? { status: 409, body: { error: { code: "CONCURRENCY.CONFLICT", message: "Someone else saved this track." } } }
            : { status: 200, body: { ...theirs, version: 4, etag: "etag-4" } },
      }),
    );
    wrap(<TracksView />);
    await retype(await openEditor(), "Q4 board pack commentary");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    const alert = await screen.findByText("Someone else saved this track while you were editing");
    expect(alert.closest("[role=alert]")).toHaveTextContent("Megan Bowen saved version 3");
    expect(screen.getByRole("textbox", { name: "Session 1 workflow" })).toHaveValue("Q4 board pack commentary");
    await userEvent.click(screen.getByRole("button", { name: "Keep mine and save again" }));
    expect(await screen.findByText("Saved as version 4.")).toBeInTheDocument();
    const sent = bodies<SaveTrackRequest>(fetch, "PUT", "/api/tracks/org-fin");
    expect(sent.map((b) => b.etag)).toEqual(["etag-2", "etag-3"]);
    expect(sent[1]!.content.sessions[0]!.learn.workflow).toBe("Q4 board pack commentary");
  });

  it("when the admin discards their edits after a conflict, then the editor shows the other admin's version", async () => {
    let reads = 0;
    installFakeFetch(
      routes({
        "GET /api/tracks/org-fin": () => ({ status: 200, body: ++reads === 1 ? detail : theirs }),
        "PUT /api/tracks/org-fin": () => ({ status: 409, body: { error: { code: "CONCURRENCY.CONFLICT", message: "Conflict." } } }),
      }),
    );
    wrap(<TracksView />);
    await retype(await openEditor(), "Q4 board pack commentary");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    await userEvent.click(await screen.findByRole("button", { name: "Discard mine" }));
    expect(screen.getByRole("textbox", { name: "Session 1 workflow" })).toHaveValue("Monthly variance commentary");
    expect(screen.getByRole("textbox", { name: "Description" })).toHaveValue("Their new description.");
  });

  it("when the server refuses the content, then each message shows on its field and nothing typed is lost", async () => {
    installFakeFetch(
      routes({
        "PUT /api/tracks/org-fin": () => ({
          status: 400,
          body: {
            error: {
              code: "VALIDATION.INVALID_INPUT",
              message: "Please fix these.",
              issues: [
                { field: "content.sessions.0.learn.workflow", message: "Session 1: the workflow is too long: keep it to 120 characters or fewer." },
                { field: "content.sessions.0.links.0.url", message: "Session 1, link 1: the address must be on an allowed host." },
              ],
            },
          },
        }),
      }),
    );
    wrap(<TracksView />);
    const workflow = await openEditor();
    await retype(workflow, "A workflow the server finds too long");
    await userEvent.click(screen.getByRole("button", { name: "Add a link" }));
    await retype(screen.getByRole("textbox", { name: "Link 1 title" }), "Board pack template");
    await retype(screen.getByRole("textbox", { name: "Link 1 address (https)" }), "https://contoso.sharepoint.com/board-pack.docx");
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    await waitFor(() => expect(screen.getByRole("textbox", { name: "Session 1 workflow" })).toHaveAccessibleDescription(/workflow is too long/));
    expect(screen.getByRole("textbox", { name: "Link 1 address (https)" })).toHaveAccessibleDescription(/allowed host/);
    expect(screen.getByText("Some details need fixing: see the messages by the fields above.")).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Session 1 workflow" })).toHaveValue("A workflow the server finds too long");
    expect(screen.getByRole("textbox", { name: "Link 1 title" })).toHaveValue("Board pack template");
  });

  it("when a link is not https or a required field is empty, then the tab says so on the field and sends nothing", async () => {
    const fetch = installFakeFetch(routes());
    wrap(<TracksView />);
    await userEvent.clear(await openEditor());
    await userEvent.click(screen.getByRole("button", { name: "Add a link" }));
    await retype(screen.getByRole("textbox", { name: "Link 1 title" }), "Template");
    await retype(screen.getByRole("textbox", { name: "Link 1 address (https)" }), "http://intranet/template");
    expect(screen.getByRole("textbox", { name: "Link 1 address (https)" })).toHaveAccessibleDescription(/must start with https/);
    await userEvent.click(screen.getByRole("button", { name: "Save" }));
    expect(screen.getByRole("textbox", { name: "Session 1 workflow" })).toHaveAccessibleDescription(/workflow is required/);
    expect(bodies(fetch, "PUT", "/api/tracks/org-fin")).toEqual([]);
  });

  it("when the admin closes the editor with unsaved edits, then reopening it restores them, and they can be discarded", async () => {
    installFakeFetch(routes());
    wrap(<TracksView />);
    await retype(await openEditor(), "Q4 board pack commentary");
    await userEvent.click(screen.getAllByRole("button", { name: "Back to tracks" })[0]!);
    expect(await openEditor()).toHaveValue("Q4 board pack commentary");
    expect(screen.getByText(/These are your unsaved edits from before, based on version 2/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Discard them" }));
    expect(screen.getByRole("textbox", { name: "Session 1 workflow" })).toHaveValue("Monthly variance commentary");
  });

  it("when an admin copies a built-in track, then it is created from that track and opens in the editor", async () => {
    const fetch = installFakeFetch(routes({ "POST /api/tracks": () => ({ status: 201, body: detail }) }));
    wrap(<TracksView />);
    await userEvent.click(await screen.findByRole("button", { name: "Copy Finance: reporting, commentary and planning" }));
    expect(await screen.findByRole("textbox", { name: "Session 1 workflow" })).toHaveValue("Monthly variance commentary");
    expect(bodies(fetch, "POST", "/api/tracks")).toEqual([{ name: "Finance: reporting, commentary and planning (copy)", copyOf: "finance" }]);
    expect(screen.queryByRole("button", { name: "Edit Finance: reporting, commentary and planning" })).toBeNull();
  });

  it("when the track list fails, then the error shows with a Retry", async () => {
    installFakeFetch({ "GET /api/tracks": () => ({ status: 500, body: { error: { code: "INTERNAL", message: "Something broke." } } }) });
    wrap(<TracksView />);
    expect(await screen.findByText("Something broke.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Retry" })).toBeInTheDocument();
  });
});

describe("moving a cohort to a newer version of its track", () => {
  const move: TrackMovePreview = { cohortId: "c1", trackId: "org-fin", fromVersion: 2, toVersion: 3, diff: [{ where: "Session 1 · workflow", before: "Monthly variance commentary", after: "Q4 board pack commentary" }] };

  it("when a newer version exists, then the panel names both versions and the diff, and the move carries the cohort's ETag", async () => {
    const onMoved = jest.fn();
    const fetch = installFakeFetch({
      "GET /api/cohorts/c1/track-move": () => ({ status: 200, body: move }),
      "POST /api/cohorts/c1/track-move": () => ({ status: 200, body: {} }),
    });
    wrap(<TrackMovePanel cohortId="c1" etag="cohort-etag" onMoved={onMoved} />);
    expect(await screen.findByText("This cohort runs version 2 of its track; version 3 is available.")).toBeInTheDocument();
    expect(screen.getByRole("list", { name: "What changes in version 3" })).toHaveTextContent("Session 1 · workflow: “Monthly variance commentary” → “Q4 board pack commentary”");
    await userEvent.click(screen.getByRole("button", { name: "Move to version 3" }));
    await waitFor(() => expect(onMoved).toHaveBeenCalled());
    expect(bodies(fetch, "POST", "/api/cohorts/c1/track-move")).toEqual([{ toVersion: 3, etag: "cohort-etag" }]);
  });
});
