/** Admins set up cohorts. The form refuses a team cohort that starts before its leadership cohort. */
import { Button, Card, Field, Input, MessageBar, MessageBarBody, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Textarea, Title3 } from "@fluentui/react-components";
import { useState } from "react";
import type { CohortSummary, TrackSummary } from "../../../bot/src/api/contract";
import { api, ApiError } from "../api";
import { Empty, Failure, Loading } from "../components/States";
import { useApi } from "../useApi";

interface Form {
  name: string;
  kind: "team" | "leadership";
  trackId: string;
  startDate: string;
  timeZone: string;
  localTime: string;
  facilitators: string;
  members: string;
  leadershipCohortId: string;
}

const EMPTY: Form = { name: "", kind: "team", trackId: "", startDate: "", timeZone: "Europe/London", localTime: "09:30", facilitators: "", members: "", leadershipCohortId: "" };

/** Lines like "00000000-…, Alex Wilber" → members. */
export function parseMembers(text: string) {
  return text
    .split("\n")
    .map((line) => line.split(",").map((s) => s.trim()))
    .filter(([id]) => id)
    .map(([userId, displayName]) => ({ userId: userId!, displayName: displayName || userId! }));
}

export function leadershipProblem(form: Pick<Form, "kind" | "startDate" | "leadershipCohortId">, cohorts: CohortSummary[]): string | undefined {
  if (form.kind !== "team" || !form.leadershipCohortId || !form.startDate) return undefined;
  const leaders = cohorts.find((c) => c.id === form.leadershipCohortId);
  return leaders && form.startDate <= leaders.startDate ? `Leadership goes first: start after ${leaders.name} (${leaders.startDate}).` : undefined;
}

export default function CohortsView() {
  const [cohorts, reload] = useApi<CohortSummary[]>("/api/cohorts");
  const [tracks, reloadTracks] = useApi<TrackSummary[]>("/api/tracks");
  const [form, setForm] = useState<Form>(EMPTY);
  const [result, setResult] = useState<{ kind: "error"; error: ApiError } | { kind: "created"; name: string } | undefined>();
  const [saving, setSaving] = useState(false);

  if (cohorts.state === "loading" || tracks.state === "loading") return <Loading label="Loading cohorts" />;
  if (cohorts.state === "error") return <Failure error={cohorts.error} onRetry={reload} />;
  if (tracks.state === "error") return <Failure error={tracks.error} onRetry={reloadTracks} />;
  const leadershipCohorts = cohorts.data.filter((c) => c.kind === "leadership");
  const problem = leadershipProblem(form, cohorts.data);
  const set = (key: keyof Form) => (_e: unknown, d: { value: string }) => setForm({ ...form, [key]: d.value });

  const create = async () => {
    setSaving(true);
    try {
      await api.post("/api/cohorts", {
        name: form.name,
        kind: form.kind,
        trackId: form.trackId,
        startDate: form.startDate,
        timeZone: form.timeZone,
        localTime: form.localTime,
        facilitatorIds: form.facilitators.split(/[\s,]+/).filter(Boolean),
        members: parseMembers(form.members),
        ...(form.kind === "team" && form.leadershipCohortId ? { leadershipCohortId: form.leadershipCohortId } : {}),
      });
      setResult({ kind: "created", name: form.name });
      setForm(EMPTY);
      reload();
    } catch (err) {
      setResult({ kind: "error", error: err instanceof ApiError ? err : new ApiError(0, "Could not create the cohort.") });
    } finally {
      setSaving(false);
    }
  };

  return (
    <section aria-labelledby="cohorts-heading" style={{ display: "grid", gap: 16 }}>
      <Title3 as="h2" id="cohorts-heading">
        Cohorts
      </Title3>
      {cohorts.data.length === 0 ? (
        <Empty title="No cohorts yet">Start with a leadership cohort: leaders go first.</Empty>
      ) : (
        <Table aria-label="Cohorts" size="small">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>Name</TableHeaderCell>
              <TableHeaderCell>Kind</TableHeaderCell>
              <TableHeaderCell>Track</TableHeaderCell>
              <TableHeaderCell>Starts</TableHeaderCell>
              <TableHeaderCell>Members</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {cohorts.data.map((c) => (
              <TableRow key={c.id}>
                <TableCell>{c.name}</TableCell>
                <TableCell>{c.kind}</TableCell>
                <TableCell>{c.trackName}</TableCell>
                <TableCell>{c.startDate}</TableCell>
                <TableCell>{c.memberCount}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Card>
        <Title3 as="h3">Create a cohort</Title3>
        <Field label="Name" required>
          <Input value={form.name} onChange={set("name")} />
        </Field>
        <Field label="Kind">
          <Select value={form.kind} onChange={set("kind")}>
            <option value="team">Team cohort</option>
            <option value="leadership">Leadership cohort (goes first)</option>
          </Select>
        </Field>
        <Field label="Track" required>
          <Select value={form.trackId} onChange={set("trackId")}>
            <option value="">Choose a track</option>
            {tracks.data.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </Select>
        </Field>
        {form.kind === "team" ? (
          <Field label="Leadership cohort that goes first">
            <Select value={form.leadershipCohortId} onChange={set("leadershipCohortId")}>
              <option value="">None</option>
              {leadershipCohorts.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} (starts {c.startDate})
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <Field label="First session" required validationMessage={problem} validationState={problem ? "error" : "none"}>
          <Input type="date" value={form.startDate} onChange={set("startDate")} />
        </Field>
        <Field label="Time zone (IANA)">
          <Input value={form.timeZone} onChange={set("timeZone")} />
        </Field>
        <Field label="Delivery time">
          <Input type="time" value={form.localTime} onChange={set("localTime")} />
        </Field>
        <Field label="Facilitators (Entra object ids)" required>
          <Input value={form.facilitators} onChange={set("facilitators")} />
        </Field>
        <Field label="Members: one per line, as “object id, name”">
          <Textarea rows={5} value={form.members} onChange={set("members")} />
        </Field>
        {result?.kind === "error" ? (
          <MessageBar intent="error" role="alert">
            <MessageBarBody>{result.error.message}</MessageBarBody>
          </MessageBar>
        ) : null}
        {result?.kind === "created" ? (
          <MessageBar intent="success" role="status">
            <MessageBarBody>{result.name} is created. Members hear from the bot starting with the AI-use policy.</MessageBarBody>
          </MessageBar>
        ) : null}
        <Button appearance="primary" disabled={saving || !!problem || !form.name || !form.trackId || !form.startDate} onClick={() => void create()}>
          {saving ? "Creating…" : "Create cohort"}
        </Button>
      </Card>
    </section>
  );
}
