/**
 * Live sessions (issue 19), for a cohort's facilitators and admins: its Teams meetings with their
 * join links and attendance, the run-sheet of the chosen one, the notes and recording for those who
 * missed it, and the cohort's practice pods. Says plainly when the feature is off or not consented.
 */
import { Badge, Button, Card, Link, MessageBar, MessageBarBody, MessageBarTitle, Text, Title3, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { CohortSummary } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { LiveSessionDto, LiveSessionsStateDto, RunSheetResponse } from "../../../bot/src/contract/live-sessions-contract";
import { CohortPicker } from "../components/CohortPicker";
import { attendanceText, longDate } from "../components/LiveSessionAttendance";
import { LiveSessionNotesForm } from "../components/LiveSessionNotesForm";
import { RunSheet } from "../components/RunSheet";
import { Empty, Failure, Loading } from "../components/States";
import { useApi } from "../useApi";
import { useStaffCohorts } from "../useStaffCohorts";
import { PodsPanel } from "./PodsPanel";

const column: React.CSSProperties = { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 16, marginTop: 16 };

export default function LiveSessionsView() {
  const { cohorts, reload, staffCohorts, cohortId, setCohortId } = useStaffCohorts();
  if (cohorts.state === "loading") return <Loading label="Loading cohorts" />;
  if (cohorts.state === "error") return <Failure error={cohorts.error} onRetry={reload} />;
  const cohort = staffCohorts.find((c) => c.id === cohortId);
  return (
    <section aria-labelledby="live-sessions-heading">
      <Title3 as="h2" id="live-sessions-heading">
        Live sessions
      </Title3>
      {staffCohorts.length === 0 ? <Empty title="No cohorts to run sessions for">You see the live sessions of the cohorts you facilitate.</Empty> : <CohortPicker cohorts={staffCohorts} value={cohortId} onChange={setCohortId} />}
      {cohort ? <CohortLiveSessions key={cohort.id} cohort={cohort} /> : null}
    </section>
  );
}

function CohortLiveSessions({ cohort }: { cohort: CohortSummary }) {
  const [sessionKey, setSessionKey] = useState<string>();
  const [sheet, reload] = useApi<RunSheetResponse>(apiRoutes.runSheet.url({ cohortId: cohort.id }, { session: sessionKey }));
  // While another session's run-sheet (or a fresh copy after saving) loads, the last one stays on screen.
  const [shown, setShown] = useState<RunSheetResponse>();
  useEffect(() => {
    if (sheet.state === "ready") setShown(sheet.data);
  }, [sheet]);
  const data = sheet.state === "ready" ? sheet.data : shown;
  return (
    <div style={column} aria-busy={sheet.state === "loading"}>
      {sheet.state === "loading" && !data ? <Loading label="Loading live sessions" /> : null}
      {sheet.state === "error" ? <Failure error={sheet.error} onRetry={reload} /> : null}
      {data ? (
        <>
          <StateNotice state={data.liveSessions} />
          {data.liveSessions !== "off" ? <SessionList cohort={cohort} sessions={data.sessions} selectedKey={data.selected?.session.key} onSelect={setSessionKey} /> : null}
          {data.selected ? (
            <>
              <RunSheet selected={data.selected} sessions={data.sessions} />
              <Card style={{ minWidth: 0 }}>
                <LiveSessionNotesForm cohortId={cohort.id} session={data.selected.session} onSaved={reload} />
              </Card>
            </>
          ) : null}
        </>
      ) : null}
      <PodsPanel cohortId={cohort.id} />
    </div>
  );
}

/** What the tenant's live-sessions state means for the facilitator, in plain words. */
export function StateNotice({ state }: { state: LiveSessionsStateDto }) {
  if (state === "on") return null;
  const text: Record<Exclude<LiveSessionsStateDto, "on">, { intent: "info" | "warning"; title: string; body: string }> = {
    off: {
      intent: "info",
      title: "Live sessions are off",
      body: 'Cohort Coach can schedule each session\'s kick-off and clinics as Teams meetings, read who attended and send a catch-up to those who missed it. An admin turns this on for your organisation and grants the Microsoft Graph permissions it needs (README, "Live sessions").',
    },
    "not-consented": {
      intent: "warning",
      title: "Waiting for an admin's consent",
      body: 'Teams refused to create the meetings: an admin must grant consent to Cohort Coach\'s meeting permissions in Microsoft Entra ID (README, "Live sessions"). Nothing is lost: the meetings are created once consent is granted.',
    },
    waiting: {
      intent: "info",
      title: "Creating the meetings",
      body: "Live sessions are on. The meetings are being created in Teams and appear here in a few minutes.",
    },
  };
  const { intent, title, body } = text[state];
  return (
    <MessageBar intent={intent} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{title}</MessageBarTitle>
        {body}
      </MessageBarBody>
    </MessageBar>
  );
}

function SessionList({ cohort, sessions, selectedKey, onSelect }: { cohort: CohortSummary; sessions: LiveSessionDto[]; selectedKey?: string; onSelect: (key: string) => void }) {
  if (sessions.length === 0) return <Empty title="No live sessions yet">This cohort's track has no live sessions scheduled yet.</Empty>;
  return (
    <Card style={{ minWidth: 0 }}>
      <Title3 as="h3">Sessions</Title3>
      <Text size={200}>Times in {cohort.timeZone}.</Text>
      <ul aria-label="Live sessions" style={{ listStyle: "none", padding: 0, margin: 0, display: "grid", gap: 8 }}>
        {sessions.map((s) => {
          const selected = s.key === selectedKey;
          return (
            <li key={s.key} aria-current={selected ? "true" : undefined} style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 2, paddingBottom: 8, borderBottom: `1px solid ${tokens.colorNeutralStroke2}` }}>
              <Text weight="semibold">
                {s.title} {selected ? <Badge color="brand">Open</Badge> : null}
              </Text>
              <Text size={200}>
                {longDate(s.localDate)}, {s.localTime} · session {s.sessionNumber}
                {s.state === "failed" ? " · Teams could not create this meeting" : ""}
              </Text>
              <Text size={200}>{attendanceText(s.attendance)}</Text>
              <div style={{ display: "flex", flexWrap: "wrap", gap: 8, alignItems: "center" }}>
                {s.joinUrl ? (
                  <Link href={s.joinUrl} target="_blank" rel="noreferrer" aria-label={`Join ${s.title} in Teams`}>
                    Join in Teams
                  </Link>
                ) : null}
                {selected ? null : (
                  <Button size="small" onClick={() => onSelect(s.key)} aria-label={`Open the run-sheet for ${s.title}`}>
                    Open run-sheet
                  </Button>
                )}
              </div>
            </li>
          );
        })}
      </ul>
    </Card>
  );
}
