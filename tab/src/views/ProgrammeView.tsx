/** A cohort's programme: its timeline with delivery and response status, progress charts and who needs help. */
import { Badge, Button, Card, Link, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, Title3, tokens } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import type { Aggregate, CohortSummary, MeResponse, MemberProgressStatus, ProgressResponse, TimelineEventDto, TimelineResponse, WeeklyPoint } from "../../../bot/src/contract/api-contract";
import { api } from "../api";
import { AggregateValue } from "../components/AggregateValue";
import { CohortPicker } from "../components/CohortPicker";
import { autoGrid, ScrollArea } from "../components/Layout";
import { WeeklyBarChart, type ChartPoint } from "../components/WeeklyBarChart";
import { Empty, Failure, Loading } from "../components/States";
import { useApi } from "../useApi";
import { HelpAlerts } from "../components/HelpAlerts";
import { MessageStatus } from "./MessageStatus";
import { WinsFeed } from "./WinsFeed";
import { YourProgramme } from "./YourProgramme";
import { BeforeSession } from "./BeforeSession";
import { NoChannelNotice } from "../components/NoChannelNotice";
import { LeaderNoteReview } from "./LeaderNoteReview";
import { FiguresAsOf } from "./RecomputeFigures";
import { attendanceText } from "../components/LiveSessionAttendance";
import { apiRoutes } from "../../../bot/src/contract/api-routes";

const STATUS_LABEL: Record<MemberProgressStatus, string> = {
  "on-track": "On track",
  stuck: "Stuck",
  "asked-for-help": "Asked for help",
  "missed-checkins": "Missed check-ins",
  "not-started": "Not started",
};
const STATUS_COLOUR: Record<MemberProgressStatus, "success" | "warning" | "danger" | "informative" | "subtle"> = {
  "on-track": "success",
  stuck: "warning",
  "asked-for-help": "danger",
  "missed-checkins": "warning",
  "not-started": "subtle",
};

export default function ProgrammeView({ me }: { me: MeResponse }) {
  const [cohorts, reload] = useApi<CohortSummary[]>(apiRoutes.cohorts.url());
  const [cohortId, setCohortId] = useState<string | undefined>();
  useEffect(() => {
    if (cohorts.state !== "ready" || cohortId || !cohorts.data[0]) return;
    // A channel tab is saved for one cohort (?cohort=<id>, set by the configuration page).
    const asked = new URLSearchParams(window.location.search).get("cohort");
    setCohortId(cohorts.data.find((c) => c.id === asked)?.id ?? cohorts.data.find((c) => c.yourRole !== "member")?.id ?? cohorts.data[0].id);
  }, [cohorts, cohortId]);

  if (cohorts.state === "loading") return <Loading label="Loading cohorts" />;
  if (cohorts.state === "error") return <Failure error={cohorts.error} onRetry={reload} />;
  return (
    <section aria-labelledby="programme-heading">
      <Title3 as="h2" id="programme-heading">
        Programme
      </Title3>
      {cohorts.data.length === 0 ? (
        <Empty title="No cohorts yet">{me.roles.includes("admin") ? "Create the first cohort in the Cohorts tab; start with your leadership team, who go first." : "You are not in a cohort yet. Your L&D team will add you."}</Empty>
      ) : null}
      {cohorts.data.length ? <CohortPicker cohorts={cohorts.data} value={cohortId} onChange={setCohortId} describe={(c) => `${c.name} (week ${c.currentWeek})`} /> : null}
      {cohortId ? <CohortProgramme key={cohortId} cohort={cohorts.data.find((c) => c.id === cohortId)!} /> : null}
    </section>
  );
}

function CohortProgramme({ cohort }: { cohort: CohortSummary }) {
  const [timeline, reloadTimeline] = useApi<TimelineResponse>(apiRoutes.timeline.url({ cohortId: cohort.id }));
  const [progress, reloadProgress] = useApi<ProgressResponse>(apiRoutes.progress.url({ cohortId: cohort.id }));
  const staff = cohort.yourRole !== "member";
  return (
    // One column that never grows past the view: a wide table scrolls inside its card instead.
    <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 16, marginTop: 16 }}>
      {progress.state === "loading" ? <Loading label="Loading progress" /> : null}
      {progress.state === "error" ? <Failure error={progress.error} onRetry={reloadProgress} /> : null}
      {progress.state === "ready" ? <Progress progress={progress.data} staff={staff} isAdmin={cohort.yourRole === "admin"} cohortId={cohort.id} onChanged={reloadProgress} /> : null}
      {cohort.yourRole === "member" ? <YourProgramme cohortId={cohort.id} /> : null}
      {staff && cohort.hasChannel === false ? <NoChannelNotice isAdmin={cohort.yourRole === "admin"} /> : null}
      {staff && cohort.kind === "team" && cohort.leadershipCohortId ? <LeaderNoteReview cohortId={cohort.id} /> : null}
      {staff ? <BeforeSession cohortId={cohort.id} /> : null}
      {timeline.state === "loading" ? <Loading label="Loading timeline" /> : null}
      {timeline.state === "error" ? <Failure error={timeline.error} onRetry={reloadTimeline} /> : null}
      {timeline.state === "ready" ? <Timeline timeline={timeline.data} policyAcknowledged={progress.state === "ready" ? progress.data.policyAcknowledged : undefined} /> : null}
      {staff ? <WinsFeed cohortId={cohort.id} /> : null}
      {staff ? <MessageStatus cohortId={cohort.id} /> : null}
    </div>
  );
}

function Progress({ progress, staff, isAdmin = false, cohortId, onChanged }: { progress: ProgressResponse; staff: boolean; isAdmin?: boolean; cohortId: string; onChanged: () => void }) {
  const latestWeek = progress.weekly[progress.weekly.length - 1];
  return (
    <Card>
      <Title3 as="h3">Progress</Title3>
      <div style={autoGrid(180)}>
        <AggregateValue label="Latest check-in participation" value={latestWeek?.participation ?? { suppressed: true }} kind="share" />
        <AggregateValue label="Latest average confidence" value={latestWeek?.confidence ?? { suppressed: true }} kind="score" />
        <AggregateValue label="Policy acknowledged" value={progress.policyAcknowledged} kind="share" />
        <AggregateValue label="Asked for help" value={progress.helpRequests} kind="number" />
      </div>
      <FiguresAsOf figuresAsOf={progress.figuresAsOf} refreshing={progress.figuresRefreshing === true} cohortId={cohortId} isAdmin={isAdmin} onRecomputed={onChanged} />
      {progress.weekly.length === 0 ? <Empty title="No check-ins yet">The first check-in opens the working day after the first session.</Empty> : <WeeklyCharts weekly={progress.weekly} />}
      <AdoptionChart progress={progress} />
      {staff ? (
        <>
          <HelpAlerts alerts={progress.alerts ?? []} cohortId={cohortId} onResolved={onChanged} />
          <MemberTable progress={progress} cohortId={cohortId} />
          <Link href={apiRoutes.metricsCsv.url({ cohortId })} onClick={(e) => void downloadCsv(e, cohortId)}>
            Download metrics (CSV)
          </Link>
        </>
      ) : (
        <Text size={200}>Group figures only: names are visible to this cohort's facilitators.</Text>
      )}
    </Card>
  );
}

async function downloadCsv(event: React.MouseEvent, cohortId: string) {
  event.preventDefault();
  const csv = await api.get<string>(apiRoutes.metricsCsv.url({ cohortId }));
  const url = URL.createObjectURL(new Blob([csv], { type: "text/csv" }));
  const a = Object.assign(document.createElement("a"), { href: url, download: `${cohortId}-metrics.csv` });
  a.click();
  URL.revokeObjectURL(url);
}

const weekPoints = (weekly: WeeklyPoint[], pick: (w: WeeklyPoint) => Aggregate): ChartPoint[] => weekly.map((w) => ({ label: `Week ${w.week}`, value: pick(w).value }));

function WeeklyCharts({ weekly }: { weekly: WeeklyPoint[] }) {
  return (
    <div style={autoGrid(280)}>
      <WeeklyBarChart title="Participation (% of members who checked in)" scale="share" points={weekPoints(weekly, (w) => w.participation)} />
      <WeeklyBarChart title="Average confidence (1–5)" scale="score" points={weekPoints(weekly, (w) => w.confidence)} />
      <WeeklyBarChart title="Minutes saved" scale="count" points={weekPoints(weekly, (w) => w.minutesSaved)} />
    </div>
  );
}

function AdoptionChart({ progress }: { progress: ProgressResponse }) {
  if (progress.adoption.length === 0) return null;
  return (
    <WeeklyBarChart
      title="Still using AI in real work (% of respondents; week 0 is the baseline)"
      scale="share"
      color={tokens.colorPaletteGreenBackground3}
      points={progress.adoption.map((a) => ({ label: a.week === 0 ? "Week 0 (baseline)" : `Week ${a.week}`, value: a.stillUsing.value }))}
    />
  );
}

/**
 * The member table pages (the API answers 50 members at a time with `membersCursor`): "Show more
 * members" fetches the next page and the table re-sorts everything loaded, so whoever needs help
 * stays on top.
 */
function MemberTable({ progress, cohortId }: { progress: ProgressResponse; cohortId: string }) {
  const [more, setMore] = useState<{ members: ProgressResponse["members"]; cursor?: string; loading: boolean; error?: string; attendedBy?: Record<string, number> }>({ members: [], loading: false });
  useEffect(() => setMore({ members: [], loading: false }), [progress]);
  const cursor = more.members.length ? more.cursor : progress.membersCursor;
  const loadMore = async () => {
    if (!cursor) return;
    setMore((m) => ({ ...m, loading: true, error: undefined }));
    try {
      const page = await api.get<ProgressResponse>(apiRoutes.progress.url({ cohortId }, { cursor }));
      setMore((m) => ({ members: [...m.members, ...page.members], cursor: page.membersCursor, loading: false, attendedBy: { ...m.attendedBy, ...page.liveSessionAttendance?.attendedBy } }));
    } catch {
      setMore((m) => ({ ...m, loading: false, error: "Couldn't load more members. Try again." }));
    }
  };
  const members = [...progress.members, ...more.members];
  // Live sessions held so far, and how many of them each member came to (staff only, when any were held).
  const attendance = progress.liveSessionAttendance?.held ? { held: progress.liveSessionAttendance.held, attendedBy: { ...progress.liveSessionAttendance.attendedBy, ...more.attendedBy } } : undefined;
  if (members.length === 0) return <Empty title="No members yet" />;
  const order: MemberProgressStatus[] = ["asked-for-help", "stuck", "missed-checkins", "not-started", "on-track"];
  const sorted = [...members].sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status));
  return (
    <>
    <ScrollArea label="Members and how they are doing (scrolls sideways on narrow screens)" minWidth={440}>
    <Table aria-label="Members and how they are doing" size="small">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Member</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Check-ins</TableHeaderCell>
          <TableHeaderCell>Minutes saved</TableHeaderCell>
          {attendance ? <TableHeaderCell>Attended</TableHeaderCell> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {sorted.map((m) => (
          <TableRow key={m.userId}>
            <TableCell>{m.displayName}</TableCell>
            <TableCell>
              {/* Paused members are behind by choice, not missing: say only that, and until when. */}
              {m.pausedUntil && m.status === "missed-checkins" ? null : (
                <Badge appearance="tint" color={STATUS_COLOUR[m.status]}>
                  {STATUS_LABEL[m.status]}
                </Badge>
              )}
              {m.pausedUntil ? (
                <Badge appearance="outline" color="informative" style={{ marginLeft: 4 }}>
                  Paused until {m.pausedUntil}
                </Badge>
              ) : null}
            </TableCell>
            <TableCell>{m.checkInsDone}</TableCell>
            <TableCell>{m.minutesSaved}</TableCell>
            {attendance ? <TableCell>{`${attendance.attendedBy[m.userId] ?? 0} of ${attendance.held}`}</TableCell> : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
    </ScrollArea>
    {cursor ? (
      <div>
        <Button appearance="secondary" disabled={more.loading} onClick={() => void loadMore()}>
          {more.loading ? "Loading…" : "Show more members"}
        </Button>
        {more.error ? <Text role="alert"> {more.error}</Text> : null}
      </div>
    ) : null}
    </>
  );
}

/** Events whose responses the timeline counts: commitments, check-ins, adoption answers, acknowledgements. */
const COLLECTS_RESPONSES: ReadonlySet<TimelineEventDto["kind"]> = new Set(["policy", "baseline", "apply", "checkin", "adoption"]);

/**
 * What the Responses cell says: nothing for events that collect no answers (session briefs,
 * reminders, which would only repeat their check-in's count) or have not happened yet; for the
 * policy, how many acknowledged the current version.
 */
export function responsesText(event: TimelineEventDto, policyAcknowledged?: Aggregate): string {
  if (event.state === "upcoming" || !COLLECTS_RESPONSES.has(event.kind)) return "–";
  if (event.kind === "policy") {
    if (!event.responses.suppressed) return `${event.responses.value} acknowledged`;
    return policyAcknowledged && !policyAcknowledged.suppressed ? `${Math.round(policyAcknowledged.value * 100)}% acknowledged` : "–";
  }
  return event.responses.suppressed ? "–" : String(event.responses.value);
}

function Timeline({ timeline, policyAcknowledged }: { timeline: TimelineResponse; policyAcknowledged?: Aggregate }) {
  return (
    <Card>
      <Title3 as="h3">Timeline</Title3>
      <Text size={200}>
        Dates in {timeline.timeZone}. Today is {timeline.today}.
      </Text>
      <ScrollArea label="Programme timeline (scrolls sideways on narrow screens)" minWidth={560}>
        <Table aria-label="Programme timeline" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>When</TableHeaderCell>
              <TableHeaderCell style={{ width: 56 }}>Week</TableHeaderCell>
              <TableHeaderCell>Step</TableHeaderCell>
              <TableHeaderCell>Delivered</TableHeaderCell>
              <TableHeaderCell>Responses</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {timeline.events.map((e) => (
              <TableRow key={e.key} aria-current={e.state === "today" ? "date" : undefined} style={e.state === "today" ? { fontWeight: 600 } : undefined}>
                <TableCell>
                  {e.localDate} {e.localTime} {e.state === "today" ? <Badge color="brand">Today</Badge> : null}
                </TableCell>
                <TableCell style={{ width: 56 }}>{e.week}</TableCell>
                <TableCell>
                  {e.title}
                  {e.meeting?.attendance ? (
                    <Text block size={200}>
                      Live session: {attendanceText(e.meeting.attendance)}
                    </Text>
                  ) : null}
                </TableCell>
                <TableCell>{e.delivery.sent + e.delivery.pending + e.delivery.failed === 0 ? "–" : `${e.delivery.sent} sent${e.delivery.pending ? `, ${e.delivery.pending} pending` : ""}${e.delivery.failed ? `, ${e.delivery.failed} failed` : ""}`}</TableCell>
                <TableCell>{responsesText(e, policyAcknowledged)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ScrollArea>
    </Card>
  );
}
