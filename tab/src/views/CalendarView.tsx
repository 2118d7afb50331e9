/**
 * The organisation's calendar (admins): working days and public holidays that every cohort follows
 * unless it sets its own. Saved with the ETag it was read with; when another admin saved first,
 * nothing typed is lost: their version is shown beside it and the next save is based on theirs.
 */
import { Button, Card, MessageBar, MessageBarBody, MessageBarTitle, Text, Title3 } from "@fluentui/react-components";
import { useState } from "react";
import type { TenantCalendarResponse } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { api, ApiError, otherIssues } from "../api";
import { Failure, Loading } from "../components/States";
import { holidayLabel, normaliseWorkingWeek, WEEKDAYS, WorkingWeekFields, workingDaysProblem, type WorkingWeekValue } from "../components/WorkingWeekFields";
import { useApi } from "../useApi";

export default function CalendarView() {
  const [calendar, reload] = useApi<TenantCalendarResponse>(apiRoutes.tenantCalendar.url());
  return (
    <section aria-labelledby="calendar-heading" style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 16, minWidth: 0 }}>
      <Title3 as="h2" id="calendar-heading">
        Organisation calendar
      </Title3>
      {calendar.state === "loading" ? <Loading label="Loading the organisation calendar" /> : null}
      {calendar.state === "error" ? <Failure error={calendar.error} onRetry={reload} /> : null}
      {calendar.state === "ready" ? <CalendarEditor initial={calendar.data} /> : null}
    </section>
  );
}

type Status = { kind: "idle" | "saving" } | { kind: "saved"; at?: string } | { kind: "error"; error: ApiError };

const dayNames = (days: number[]) => WEEKDAYS.filter(([d]) => days.includes(d)).map(([, name]) => name).join(", ");

function CalendarEditor({ initial }: { initial: TenantCalendarResponse }) {
  const [draft, setDraft] = useState<WorkingWeekValue>({ workingDays: initial.workingDays, holidays: initial.holidays });
  const [etag, setEtag] = useState(initial.etag);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  /** What another admin saved while this one was editing (after a 409). */
  const [theirs, setTheirs] = useState<TenantCalendarResponse>();
  const error = status.kind === "error" ? status.error : undefined;
  const problem = workingDaysProblem(draft);

  const edit = (next: WorkingWeekValue) => {
    setDraft(next);
    if (status.kind === "saved") setStatus({ kind: "idle" });
  };

  const save = async () => {
    setStatus({ kind: "saving" });
    try {
      const saved = await api.put<TenantCalendarResponse>(apiRoutes.saveTenantCalendar.url(), { ...normaliseWorkingWeek(draft), ...(etag ? { etag } : {}) });
      setDraft({ workingDays: saved.workingDays, holidays: saved.holidays });
      setEtag(saved.etag);
      setTheirs(undefined);
      setStatus({ kind: "saved", ...(saved.updatedAt ? { at: saved.updatedAt } : {}) });
    } catch (err) {
      const failure = err instanceof ApiError ? err : new ApiError(0, "Saving failed.");
      // The draft stays exactly as typed. On a conflict, read what the other admin saved, show it,
      // and base the next save on it, so saving again is a deliberate choice to replace it.
      if (failure.status === 409) {
        try {
          const latest = await api.get<TenantCalendarResponse>(apiRoutes.tenantCalendar.url());
          setTheirs(latest);
          setEtag(latest.etag);
        } catch {
          // Their version could not be read: the next save meets the same conflict and tries again.
        }
      }
      setStatus({ kind: "error", error: failure });
    }
  };

  const rest = otherIssues(error, ["workingDays", "holidays"]);
  const onFields = !!error && error.issues.length > rest.length;
  const busy = status.kind === "saving";

  return (
    <Card style={{ minWidth: 0 }}>
      <Text block>
        Every cohort follows these working days and holidays unless it sets its own. A message due on a day off comes on the next working day, at the same local time.
      </Text>
      <WorkingWeekFields value={draft} onChange={edit} error={error} disabled={busy} />
      {theirs ? (
        <MessageBar intent="warning" layout="multiline" role="alert">
          <MessageBarBody>
            <MessageBarTitle>Another admin saved the calendar while you were editing.</MessageBarTitle>
            Your changes are still here. They saved: working days {dayNames(theirs.workingDays) || "none"}; holidays {theirs.holidays.length ? theirs.holidays.map(holidayLabel).join(", ") : "none"}. Saving again replaces theirs with yours.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {theirs ? (
        <div>
          <Button disabled={busy} onClick={() => edit({ ...draft, holidays: normaliseWorkingWeek({ ...draft, holidays: [...draft.holidays, ...theirs.holidays] }).holidays })}>
            Add their holidays to mine
          </Button>
        </div>
      ) : null}
      {error && error.status !== 409 ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{onFields ? (rest.length ? rest.join(" ") : "Some details need fixing: see the messages by the fields above.") : error.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {status.kind === "saved" ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>Saved. Cohorts that follow the organisation's calendar use it for their next messages.</MessageBarBody>
        </MessageBar>
      ) : null}
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
        <Button appearance="primary" disabled={busy || !!problem} onClick={() => void save()}>
          {busy ? "Saving…" : theirs ? "Save mine over theirs" : "Save calendar"}
        </Button>
      </div>
    </Card>
  );
}
