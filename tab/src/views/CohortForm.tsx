/**
 * The cohort form, one for creating and editing. It keeps its own draft, so a parent starts it
 * afresh by giving it a new `key`, and it refuses a team cohort that starts before its leaders'.
 */
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Textarea } from "@fluentui/react-components";
import { useRef, useState, type ReactNode } from "react";
import type { CohortDetail, CohortInput, CohortSummary, TrackSummary } from "../../../bot/src/api/contract";
import { issuesFor, otherIssues, type ApiError } from "../api";

/** Which request fields each form control answers for, so the server's messages land on the right one. */
const REQUEST_FIELDS: Record<keyof CohortFormValues, string[]> = {
  name: ["name"],
  kind: ["kind"],
  trackId: ["trackId"],
  leadershipCohortId: ["leadershipCohortId"],
  startDate: ["startDate"],
  timeZone: ["timeZone"],
  localTime: ["localTime"],
  facilitators: ["facilitatorIds"],
  members: ["members"],
  status: ["status"],
};
const ALL_REQUEST_FIELDS = Object.values(REQUEST_FIELDS).flat();

/** A save that failed: its messages go on the fields they are about; anything else shows above the buttons. */
function ErrorFeedback({ error }: { error: ApiError }) {
  const rest = otherIssues(error, ALL_REQUEST_FIELDS);
  const onFields = error.issues.length > rest.length;
  if (onFields && rest.length === 0)
    return (
      <MessageBar intent="error" role="alert">
        <MessageBarBody>Some details need fixing: see the messages by the fields above.</MessageBarBody>
      </MessageBar>
    );
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>{onFields ? rest.join(" ") : error.message}</MessageBarBody>
    </MessageBar>
  );
}

export interface CohortFormValues {
  name: string;
  kind: CohortSummary["kind"];
  trackId: string;
  startDate: string;
  timeZone: string;
  localTime: string;
  facilitators: string;
  members: string;
  leadershipCohortId: string;
  status: CohortSummary["status"];
}

export const EMPTY_COHORT_FORM: CohortFormValues = { name: "", kind: "team", trackId: "", startDate: "", timeZone: "Europe/London", localTime: "09:30", facilitators: "", members: "", leadershipCohortId: "", status: "active" };

export const FIELD_LABELS: Record<keyof CohortFormValues, string> = {
  name: "Name",
  kind: "Kind",
  trackId: "Track",
  leadershipCohortId: "Leadership cohort that goes first",
  startDate: "First session",
  timeZone: "Time zone (IANA)",
  localTime: "Delivery time",
  facilitators: "Facilitators (Entra object ids)",
  members: "Members: one per line, as “object id, name”",
  status: "Status",
};

/** Lines like "00000000-…, Alex Wilber" → members. Everything after the first comma is the name, which may hold commas itself. */
export function parseMembers(text: string) {
  return text
    .split("\n")
    .map((line) => {
      const [id = "", ...name] = line.split(",");
      return { userId: id.trim(), displayName: name.join(",").trim() };
    })
    .filter(({ userId }) => userId)
    .map(({ userId, displayName }) => ({ userId, displayName: displayName || userId }));
}

export function leadershipProblem(form: Pick<CohortFormValues, "kind" | "startDate" | "leadershipCohortId">, cohorts: CohortSummary[]): string | undefined {
  if (form.kind !== "team" || !form.leadershipCohortId || !form.startDate) return undefined;
  const leaders = cohorts.find((c) => c.id === form.leadershipCohortId);
  return leaders && form.startDate <= leaders.startDate ? `Leadership goes first: start after ${leaders.name} (${leaders.startDate}).` : undefined;
}

export function formFromDetail(detail: CohortDetail): CohortFormValues {
  return {
    name: detail.name,
    kind: detail.kind,
    trackId: detail.trackId,
    startDate: detail.startDate,
    timeZone: detail.timeZone,
    localTime: detail.localTime,
    facilitators: detail.facilitators.map((f) => f.userId).join(", "),
    members: detail.members.map((m) => `${m.userId}, ${m.displayName}`).join("\n"),
    leadershipCohortId: detail.leadershipCohortId ?? "",
    status: detail.status,
  };
}

export function cohortInputFrom(values: CohortFormValues): CohortInput {
  return {
    name: values.name,
    kind: values.kind,
    trackId: values.trackId,
    startDate: values.startDate,
    timeZone: values.timeZone,
    localTime: values.localTime,
    facilitatorIds: values.facilitators.split(/[\s,]+/).filter(Boolean),
    members: parseMembers(values.members),
    ...(values.kind === "team" && values.leadershipCohortId ? { leadershipCohortId: values.leadershipCohortId } : {}),
  };
}

/** Selects shrink to their card on narrow screens instead of growing to their longest option. */
const FIT = { style: { maxWidth: "100%", minWidth: 0 } };

interface CohortFormProps {
  mode: "create" | "edit";
  initial: CohortFormValues;
  tracks: TrackSummary[];
  /** Every cohort but the one being edited: the leadership cohorts on offer, and whom leaders must precede. */
  otherCohorts: CohortSummary[];
  onSubmit: (values: CohortFormValues) => Promise<void>;
  onCancel?: () => void;
  /** What the last save said, shown above the buttons. */
  feedback?: ReactNode;
  /** The last save's error: its field messages show on the fields, the rest above the buttons. */
  error?: ApiError;
}

export function CohortForm({ mode, initial, tracks, otherCohorts, onSubmit, onCancel, feedback, error }: CohortFormProps) {
  /** Props for a Field: the server's message about it, if any. */
  const check = (key: keyof CohortFormValues, local?: string) => {
    const message = local ?? issuesFor(error, ...REQUEST_FIELDS[key]);
    return { validationMessage: message, validationState: message ? ("error" as const) : ("none" as const) };
  };
  const [values, setValues] = useState(initial);
  const [saving, setSaving] = useState(false);
  // State updates land after the click that caused them; a ref stops a fast second click too.
  const submitting = useRef(false);
  const set = (key: keyof CohortFormValues) => (_e: unknown, d: { value: string }) => setValues({ ...values, [key]: d.value });
  const leadershipCohorts = otherCohorts.filter((c) => c.kind === "leadership");
  const problem = leadershipProblem(values, otherCohorts);

  const submit = async () => {
    if (submitting.current) return;
    submitting.current = true;
    setSaving(true);
    try {
      await onSubmit(values);
    } finally {
      submitting.current = false;
      setSaving(false);
    }
  };

  return (
    <>
      <Field label={FIELD_LABELS.name} {...check("name")} required>
        <Input value={values.name} onChange={set("name")} />
      </Field>
      <Field label={FIELD_LABELS.kind} {...check("kind")}>
        <Select root={FIT} style={{ minWidth: 0, maxWidth: "100%" }} value={values.kind} onChange={set("kind")}>
          <option value="team">Team cohort</option>
          <option value="leadership">Leadership cohort (goes first)</option>
        </Select>
      </Field>
      <Field label={FIELD_LABELS.trackId} {...check("trackId")} required>
        <Select root={FIT} style={{ minWidth: 0, maxWidth: "100%" }} value={values.trackId} onChange={set("trackId")}>
          <option value="">Choose a track</option>
          {tracks.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </Select>
      </Field>
      {values.kind === "team" ? (
        <Field label={FIELD_LABELS.leadershipCohortId} {...check("leadershipCohortId")}>
          <Select root={FIT} style={{ minWidth: 0, maxWidth: "100%" }} value={values.leadershipCohortId} onChange={set("leadershipCohortId")}>
            <option value="">None</option>
            {leadershipCohorts.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} (starts {c.startDate})
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Field label={FIELD_LABELS.startDate} required {...check("startDate", problem)}>
        <Input type="date" value={values.startDate} onChange={set("startDate")} />
      </Field>
      <Field label={FIELD_LABELS.timeZone} {...check("timeZone")}>
        <Input value={values.timeZone} onChange={set("timeZone")} />
      </Field>
      <Field label={FIELD_LABELS.localTime} {...check("localTime")}>
        <Input type="time" value={values.localTime} onChange={set("localTime")} />
      </Field>
      <Field label={FIELD_LABELS.facilitators} {...check("facilitators")} required>
        <Input value={values.facilitators} onChange={set("facilitators")} />
      </Field>
      <Field label={FIELD_LABELS.members} {...check("members")}>
        <Textarea rows={5} value={values.members} onChange={set("members")} />
      </Field>
      {mode === "edit" ? (
        <Field label={FIELD_LABELS.status} {...check("status")} hint="The bot sends scheduled messages to active cohorts only.">
          <Select root={FIT} style={{ minWidth: 0, maxWidth: "100%" }} value={values.status} onChange={set("status")}>
            <option value="active">Active</option>
            <option value="paused">Paused</option>
            <option value="archived">Archived</option>
          </Select>
        </Field>
      ) : null}
      {error ? <ErrorFeedback error={error} /> : null}
      {feedback}
      <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
        <Button appearance="primary" disabled={saving || !!problem || !values.name.trim() || !values.trackId || !values.startDate} onClick={() => void submit()}>
          {mode === "edit" ? (saving ? "Saving…" : "Save changes") : saving ? "Creating…" : "Create cohort"}
        </Button>
        {onCancel ? (
          <Button disabled={saving} onClick={onCancel}>
            Cancel
          </Button>
        ) : null}
      </div>
    </>
  );
}
