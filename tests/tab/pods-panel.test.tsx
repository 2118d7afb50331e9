/**
 * The practice pods panel in jsdom with a scripted API: the empty state and the automatic split
 * after a confirmation, the pods with their chat state and message counts (never content), a pod
 * whose chat failed with its reason, the server's refusal shown as it is, and the loading, error
 * and "not available" states.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import type { PodDto, PodsResponse } from "../../bot/src/contract/live-sessions-contract";
import { PodsPanel } from "../../tab/src/views/PodsPanel";
import { installFakeFetch, pending, type Route } from "../helpers/fake-fetch";

const wrap = (ui: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);
const ok = (body: unknown): Route => () => ({ status: 200, body });
const GET = "GET /api/cohorts/c1/pods";
/**
 * The confirmation dialog. In this jsdom, Fluent's focus trap leaves the open dialog marked
 * aria-hidden (the My data view's dialog test meets the same), so it is found including hidden nodes.
 */
const openDialog = () => screen.findByRole("dialog", { hidden: true }, { timeout: 5_000 });
const PUT = "PUT /api/cohorts/c1/pods";

const names = Array.from({ length: 14 }, (_, i) => ({ userId: `u${i}`, displayName: i === 0 ? "**Ann** <b>Lee</b>" : `Member ${i}` }));
const pod = (n: number, over: Partial<PodDto> = {}): PodDto => ({
  id: `pod-${n}`,
  name: `Pod ${n}`,
  members: names.slice((n - 1) * 5, (n - 1) * 5 + (n === 3 ? 4 : 5)),
  chat: "ready",
  activity: { thisWeek: 0, total: 0 },
  exercisesPosted: 0,
  ...over,
});
const none: PodsResponse = { cohortId: "c1", liveSessions: "on", pods: [], unassigned: names };
const three: PodsResponse = {
  cohortId: "c1",
  liveSessions: "on",
  pods: [pod(1, { activity: { thisWeek: 7, total: 19, lastActiveOn: "2026-03-10" }, exercisesPosted: 2 }), pod(2, { chat: "creating" }), pod(3, { chat: "failed", problem: "Teams refused to create the pod's chat (400 BadRequest)." })],
  unassigned: [],
  etag: '"e1"',
};

describe("the practice pods panel", () => {
  it("when the cohort has no pods, then it says so, and a confirmed 'Split into pods automatically' shows the new pods", async () => {
    let body: unknown;
    const fetch = installFakeFetch({ [GET]: ok(none), [PUT]: (init) => ((body = JSON.parse(String(init?.body))), { status: 200, body: { ...three, pods: three.pods.map((p) => ({ ...p, chat: "creating", problem: undefined })) } }) });
    wrap(<PodsPanel cohortId="c1" />);
    expect(await screen.findByText("No pods yet")).toBeTruthy();
    await userEvent.click(screen.getByRole("button", { name: "Split into pods automatically" }));
    const dialog = await openDialog();
    expect(within(dialog).getByText(/The 14 members are split into pods of 4 to 6/)).toBeTruthy();
    // Cancelling sends nothing.
    await userEvent.click(within(dialog).getByRole("button", { name: "Cancel", hidden: true }));
    expect(fetch.mock.calls.filter(([, init]) => init?.method === "PUT")).toHaveLength(0);
    await userEvent.click(screen.getByRole("button", { name: "Split into pods automatically" }));
    await userEvent.click(within(await openDialog()).getByRole("button", { name: "Split into pods", hidden: true }));
    expect(await screen.findByLabelText("Pod 1")).toBeTruthy();
    expect(body).toEqual({ mode: "auto" });
    expect(screen.getAllByText("Creating chat…")).toHaveLength(3);
    // Chats on their way: no second split is offered.
    expect(screen.queryByRole("button", { name: "Split into pods automatically", hidden: true })).toBeNull();
  });

  it("when pods exist, then each shows its members as plain text, its chat state, this week's message count and the exercises posted; a failed chat shows why", async () => {
    installFakeFetch({ [GET]: ok(three) });
    wrap(<PodsPanel cohortId="c1" />);
    const first = await screen.findByLabelText("Pod 1");
    expect(within(first).getByText("Chat ready")).toBeTruthy();
    expect(within(first).getByText(/Active this week: 7 messages · 19 in all · last on 2026-03-10/)).toBeTruthy();
    expect(within(first).getByText("Exercises posted: 2")).toBeTruthy();
    expect(within(first).getByText(/\*\*Ann\*\* <b>Lee<\/b>, Member 1/)).toBeTruthy();
    expect(document.querySelector("b")).toBeNull();
    const failed = screen.getByLabelText("Pod 3");
    expect(within(failed).getByText("Chat failed")).toBeTruthy();
    expect(within(failed).getByText(/Teams refused to create the pod's chat/)).toBeTruthy();
    expect(within(screen.getByLabelText("Pod 2")).getByText("Creating chat…")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Split into pods automatically" })).toBeNull();
  });

  it("when the server refuses the split, then its message is shown as it is", async () => {
    const allFailed: PodsResponse = { ...three, pods: three.pods.map((p) => ({ ...p, chat: "failed" as const })) };
    installFakeFetch({ [GET]: ok(allFailed), [PUT]: () => ({ status: 409, body: { error: { code: "CONCURRENCY.CONFLICT", message: "This cohort's pods already have their Teams chats." } } }) });
    wrap(<PodsPanel cohortId="c1" />);
    await userEvent.click(await screen.findByRole("button", { name: "Split into pods automatically" }));
    const dialog = await openDialog();
    expect(within(dialog).getByText(/The failed pods are replaced/)).toBeTruthy();
    await userEvent.click(within(dialog).getByRole("button", { name: "Split into pods", hidden: true }));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Cannot split again");
    expect(alert.textContent).toContain("This cohort's pods already have their Teams chats.");
  });

  it("when loading, failing, or live sessions are off, then it says so", async () => {
    installFakeFetch({ [GET]: pending });
    const { unmount } = wrap(<PodsPanel cohortId="c1" />);
    expect(await screen.findByText("Loading pods…")).toBeTruthy();
    unmount();

    installFakeFetch({ [GET]: () => ({ status: 500, body: { error: { code: "INTERNAL", message: "Cosmos DB is not reachable." } } }) });
    const second = wrap(<PodsPanel cohortId="c1" />);
    expect((await screen.findByRole("alert")).textContent).toContain("Cosmos DB is not reachable.");
    second.unmount();

    installFakeFetch({ [GET]: ok({ ...none, liveSessions: "off" }) });
    wrap(<PodsPanel cohortId="c1" />);
    expect(await screen.findByText("Pods are not available")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Split into pods automatically" })).toBeNull();
  });
});
