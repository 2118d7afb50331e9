/**
 * The Programme view's "Figures as of HH:mm" and the admin's "Recompute figures" (issue 15), in jsdom
 * with a scripted API: the result in plain words, kept when the figures reload; no button for
 * facilitators; a refusal shown as an error.
 */
import { FluentProvider, teamsLightTheme } from "@fluentui/react-components";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { ReactNode } from "react";
import { FiguresAsOf } from "../../tab/src/views/RecomputeFigures";
import { installFakeFetch } from "../helpers/fake-fetch";

const wrap = (ui: ReactNode) => render(<FluentProvider theme={teamsLightTheme}>{ui}</FluentProvider>);
const hhmm = (iso: string) => {
  const d = new Date(iso);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
};

describe("the figures' time and the admin's recompute", () => {
  it("when an admin recomputes figures that were wrong, then the view says they were corrected and reloads the figures", async () => {
    const fetch = installFakeFetch({ "POST /api/cohorts/fin/figures/recompute": () => ({ status: 200, body: { cohortId: "fin", outcome: "mismatch", figuresAsOf: "2026-03-16T14:07:00.000Z" } }) });
    const reloaded = jest.fn();
    const { unmount } = wrap(<FiguresAsOf figuresAsOf="2026-03-16T14:05:00.000Z" cohortId="fin" isAdmin onRecomputed={reloaded} />);
    expect(screen.getByText(`Figures as of ${hhmm("2026-03-16T14:05:00.000Z")}`)).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Recompute figures" }));
    expect(await screen.findByRole("status")).toHaveTextContent(`${hhmm("2026-03-16T14:07:00.000Z")}: The figures did not match a full recount; they have been corrected.`);
    expect(reloaded).toHaveBeenCalledTimes(1);
    expect(fetch).toHaveBeenCalledWith("/api/cohorts/fin/figures/recompute", expect.objectContaining({ method: "POST" }));
    // The reload remounts the panel: the result is still there to read.
    unmount();
    wrap(<FiguresAsOf figuresAsOf="2026-03-16T14:07:00.000Z" cohortId="fin" isAdmin onRecomputed={reloaded} />);
    expect(screen.getByRole("status")).toHaveTextContent("they have been corrected");
  });

  it("when a facilitator looks, then they see when the figures were computed and no recompute button", () => {
    installFakeFetch({});
    wrap(<FiguresAsOf figuresAsOf="2026-03-16T09:30:00.000Z" cohortId="sales" isAdmin={false} onRecomputed={() => undefined} />);
    expect(screen.getByText(`Figures as of ${hhmm("2026-03-16T09:30:00.000Z")}`)).toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Recompute figures" })).toBeNull();
  });

  it("when a large cohort's figures are being recounted behind the read, then the view says so and 'Show newer figures' reloads them", async () => {
    installFakeFetch({});
    const reloaded = jest.fn();
    const { unmount } = wrap(<FiguresAsOf figuresAsOf="2026-03-16T09:30:00.000Z" refreshing cohortId="big" isAdmin={false} onRecomputed={reloaded} />);
    expect(screen.getByText("Newer answers are being counted.")).toBeInTheDocument();
    await userEvent.click(screen.getByRole("button", { name: "Show newer figures" }));
    expect(reloaded).toHaveBeenCalledTimes(1);
    // Up to date: no such line, no such button.
    unmount();
    wrap(<FiguresAsOf figuresAsOf="2026-03-16T09:31:00.000Z" cohortId="big" isAdmin={false} onRecomputed={reloaded} />);
    expect(screen.queryByText("Newer answers are being counted.")).toBeNull();
    expect(screen.queryByRole("button", { name: "Show newer figures" })).toBeNull();
  });

  it("when the recompute is refused, then the reason is shown and nothing reloads", async () => {
    installFakeFetch({ "POST /api/cohorts/ops/figures/recompute": () => ({ status: 403, body: { error: { code: "ACCESS.FORBIDDEN", message: "Only admins can recompute a cohort's figures." } } }) });
    const reloaded = jest.fn();
    wrap(<FiguresAsOf figuresAsOf="2026-03-16T09:30:00.000Z" cohortId="ops" isAdmin onRecomputed={reloaded} />);
    await userEvent.click(screen.getByRole("button", { name: "Recompute figures" }));
    expect(await screen.findByText("Only admins can recompute a cohort's figures.")).toBeInTheDocument();
    expect(reloaded).not.toHaveBeenCalled();
  });
});
