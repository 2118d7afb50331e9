/**
 * A member sees their own reflections and can delete them; where the organisation measures
 * Microsoft 365 Copilot usage, they also see their own measured activity (shown to them alone).
 */
import { Button, Card, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, DialogTrigger, Text, Title3 } from "@fluentui/react-components";
import { useState } from "react";
import type { MyDataResponse } from "../../../bot/src/contract/api-contract";
import { api, ApiError } from "../api";
import { Empty, Failure, Loading } from "../components/States";
import { useApi } from "../useApi";
import { apiRoutes } from "../../../bot/src/contract/api-routes";

/** The words members chose from in the bot's cards, for the codes stored with their answers. */
export const FREQUENCY_LABEL: Record<string, string> = {
  daily: "most days",
  "few-times-a-week": "a few times a week",
  weekly: "about once a week",
  rarely: "rarely",
  "not-at-all": "not at all",
};
export const CONFIDENCE_LABEL: Record<number, string> = { 1: "not at all", 2: "a little", 3: "getting there", 4: "confident", 5: "very confident" };

const frequencyLabel = (code: string) => FREQUENCY_LABEL[code] ?? code.replace(/-/g, " ");
const confidenceLabel = (n: number) => `${n} / 5${CONFIDENCE_LABEL[n] ? `, ${CONFIDENCE_LABEL[n]}` : ""}`;
/** A YYYY-MM-DD day as "3 March 2026", read as a calendar day (no time zone shift). */
const dayLabel = (day: string) => new Date(`${day}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const weekLabel = (week: number) => (week === 0 ? "Before the programme (baseline)" : `Week ${week}`);

export default function MyDataView() {
  const [data, reload] = useApi<MyDataResponse>(apiRoutes.myData.url());
  const [error, setError] = useState<ApiError>();
  if (data.state === "loading") return <Loading label="Loading your data" />;
  if (data.state === "error") return <Failure error={data.error} onRetry={reload} />;
  const usage = data.data.measuredUsage;
  const total = data.data.cohorts.reduce((n, c) => n + c.commitments.length + c.checkIns.length + c.adoption.length + c.wins.length, 0) + (usage ? 1 : 0);
  const remove = async () => {
    try {
      await api.del(apiRoutes.deleteMyData.url());
      reload();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, "Could not delete."));
    }
  };
  return (
    <section aria-labelledby="my-data-heading" style={{ display: "grid", gap: 12 }}>
      <Title3 as="h2" id="my-data-heading">
        My data
      </Title3>
      {error ? <Failure error={error} /> : null}
      {usage ? (
        <Card aria-label="Your measured Copilot usage">
          <Text weight="semibold">Measured by Microsoft 365</Text>
          <Text block>
            Microsoft 365 Copilot: last active on {dayLabel(usage.lastActiveOn)}, active on {usage.activeDays} of the last {usage.windowDays} days.
          </Text>
          <Text size={200} block>
            Up to {dayLabel(usage.through)}; Microsoft’s data can be up to 72 hours old. Only you see this: reports show group figures of 5 or more people.
          </Text>
        </Card>
      ) : null}
      {total === 0 ? <Empty title="Nothing stored about you">Your reflections will appear here once you answer a check-in. Anonymous questions are never linked to you.</Empty> : null}
      {data.data.cohorts.map((c) => (
        <Card key={c.cohortId}>
          <Text weight="semibold">{c.cohortName}</Text>
          <ul style={{ margin: 0, paddingLeft: 20, display: "grid", gap: 4 }}>
            {c.commitments.map((x) => (
              <li key={`c${x.sessionNumber}`}>Session {x.sessionNumber} commitment: {x.deliverable}</li>
            ))}
            {c.checkIns.map((x) => (
              <li key={`k${x.sessionNumber}`}>
                Session {x.sessionNumber} check-in: tried “{x.tried}”
                {x.worked ? <>; worked: “{x.worked}”</> : null}
                {x.stuck ? <>; stuck on: “{x.stuck}”</> : null} (confidence {confidenceLabel(x.confidence)}; {x.minutesSaved} minutes saved)
                {x.reflectAnswers.map((r) => (
                  <span key={r.question}>
                    ; “{r.question}” “{r.answer}”
                  </span>
                ))}
                {x.blockers.length ? <>; what got in the way: {x.blockers.join(", ")}</> : null}; {x.quoting.toLowerCase()}
              </li>
            ))}
            {c.adoption.map((x) => (
              <li key={`a${x.week}`}>
                {weekLabel(x.week)}: {x.stillUsing ? "using AI in real work" : "not using AI in real work"}, {frequencyLabel(x.frequency)}
                {x.usedFor ? <> (for “{x.usedFor}”)</> : null}
              </li>
            ))}
            {c.wins.map((x) => (
              <li key={x.createdAt + x.text}>Win: {x.text}</li>
            ))}
          </ul>
        </Card>
      ))}
      {total > 0 ? (
        <Dialog>
          <DialogTrigger disableButtonEnhancement>
            <Button>Delete my reflections…</Button>
          </DialogTrigger>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>Delete all your reflections?</DialogTitle>
              <DialogContent>This removes your commitments, check-ins, adoption answers and wins{usage ? ", and the Copilot activity dates stored for you (while your organisation measures usage, the next daily read stores your latest date again)" : ""}. It cannot be undone.</DialogContent>
              <DialogActions>
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="secondary">Keep them</Button>
                </DialogTrigger>
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="primary" onClick={() => void remove()}>
                    Delete
                  </Button>
                </DialogTrigger>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      ) : null}
    </section>
  );
}
