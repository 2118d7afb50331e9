/**
 * The cohort form, one for creating and editing. It keeps its own draft, so a parent starts it
 * afresh by giving it a new `key`, and it refuses a team cohort that starts before its leaders'.
 */
import { Button, Checkbox, Field, Input, MessageBar, MessageBarBody, Radio, RadioGroup, Select } from "@fluentui/react-components";
import { useRef, useState, type ReactNode } from "react";
import type { CohortDetail, CohortInput, CohortSummary, TrackSummary } from "../../../bot/src/contract/api-contract";
import { api, issuesFor, otherIssues, type ApiError } from "../api";
import { PeoplePicker, type PickedPerson } from "../components/PeoplePicker";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { TenantCalendarResponse } from "../../../bot/src/contract/api-contract";
import { normaliseWorkingWeek, WEEKDAYS, WorkingWeekFields } from "../components/WorkingWeekFields";
import { ImportPeople } from "../components/ImportPeople";

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
  alreadyRunning: ["alreadyRunning"],
  status: ["status"],
  calendar: ["workingDays", "holidays"],
};
/** `winsChannel` has its own field in the editor (extraFields), which shows its message. */
const ALL_REQUEST_FIELDS = [...Object.values(REQUEST_FIELDS).flat(), "winsChannel"];

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
  facilitators: PickedPerson[];
  members: PickedPerson[];
  /** Only for a new cohort whose first session is in the past: the admin says it is already running. */
  alreadyRunning: boolean;
  leadershipCohortId: string;
  status: CohortSummary["status"];
  /** The organisation's calendar, or the cohort's own working days and holidays. */
  calendar: CohortCalendarValue;
}

export interface CohortCalendarValue {
  mode: "organisation" | "own";
  workingDays: number[];
  holidays: string[];
}

export const EMPTY_COHORT_FORM: CohortFormValues = { name: "", kind: "team", trackId: "", startDate: "", timeZone: "Europe/London", localTime: "09:30", facilitators: [], members: [], alreadyRunning: false, leadershipCohortId: "", status: "active", calendar: { mode: "organisation", workingDays: [1, 2, 3, 4, 5], holidays: [] } };

export const FIELD_LABELS: Record<keyof CohortFormValues, string> = {
  name: "Name",
  kind: "Kind",
  trackId: "Track",
  leadershipCohortId: "Leadership cohort that goes first",
  startDate: "First session",
  timeZone: "Time zone (IANA)",
  localTime: "Delivery time",
  facilitators: "Facilitators",
  members: "Members",
  alreadyRunning: "This cohort is already running",
  status: "Status",
  calendar: "Calendar",
};

/** A form value as words, for the list of changes a conflict lost. */
export function displayValue(values: CohortFormValues, key: keyof CohortFormValues): string {
  const value = values[key];
  if (Array.isArray(value)) return value.map((p) => p.displayName).join(", ");
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value;
  if (value.mode === "organisation") return "the organisation's calendar";
  const days = WEEKDAYS.filter(([d]) => value.workingDays.includes(d)).map(([, name]) => name).join(", ");
  return `its own: ${days}${value.holidays.length ? `; holidays ${[...value.holidays].sort().join(", ")}` : ""}`;
}

/** Today's date (YYYY-MM-DD) in `timeZone`, or in the browser's zone if that is not a zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  } catch {
    return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  }
}

/** "2 March 2026". */
export function readableDate(localDate: string): string {
  const date = new Date(`${localDate}T12:00:00Z`);
  return Number.isNaN(date.getTime()) ? localDate : date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

/** Why a cohort's start date, track and kind are read-only, once it has started; undefined before. */
export function startedReason(startDate: string, timeZone: string, now = new Date()): string | undefined {
  if (!startDate || startDate > todayIn(timeZone, now)) return undefined;
  return `This cohort started on ${readableDate(startDate)}: its start date, track and kind can't change once it has started.`;
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
    facilitators: detail.facilitators.map((f) => ({ userId: f.userId, displayName: f.displayName })),
    members: detail.members.map((m) => ({ userId: m.userId, displayName: m.displayName, ...(m.jobTitle ? { jobTitle: m.jobTitle } : {}) })),
    alreadyRunning: false,
    leadershipCohortId: detail.leadershipCohortId ?? "",
    status: detail.status,
    calendar: { mode: detail.calendar?.inherited === false ? "own" : "organisation", workingDays: detail.calendar?.workingDays ?? [1, 2, 3, 4, 5], holidays: detail.calendar?.holidays ?? [] },
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
    facilitatorIds: values.facilitators.map((p) => p.userId),
    facilitatorNames: values.facilitators.map((p) => ({ userId: p.userId, displayName: p.displayName })),
    members: values.members.map((m) => ({ userId: m.userId, displayName: m.displayName, ...(m.jobTitle ? { jobTitle: m.jobTitle } : {}) })),
    ...(values.kind === "team" && values.leadershipCohortId ? { leadershipCohortId: values.leadershipCohortId } : {}),
    ...(values.alreadyRunning ? { alreadyRunning: true } : {}),
    // Left out, the cohort follows the organisation's calendar (again).
    ...(values.calendar.mode === "own" ? normaliseWorkingWeek(values.calendar) : {}),
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
  /** Fields only the editor has (the wins channel), shown after the people. */
  extraFields?: ReactNode;
}

export function CohortForm({ mode, initial, tracks, otherCohorts, onSubmit, onCancel, feedback, error, extraFields }: CohortFormProps) {
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
  // A started cohort keeps its history: its start date, track and kind are shown, not editable.
  const [started] = useState(() => (mode === "edit" ? startedReason(initial.startDate, initial.timeZone) : undefined));
  const startsInThePast = mode === "create" && !!values.startDate && values.startDate < todayIn(values.timeZone);
  const runningUnconfirmed = startsInThePast && !values.alreadyRunning;
  const lockedHint = started ? { hint: started } : {};

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
      <Field label={FIELD_LABELS.kind} {...check("kind")} {...lockedHint}>
        <Select root={FIT} style={{ minWidth: 0, maxWidth: "100%" }} value={values.kind} onChange={set("kind")} disabled={!!started}>
          <option value="team">Team cohort</option>
          <option value="leadership">Leadership cohort (goes first)</option>
        </Select>
      </Field>
      <Field label={FIELD_LABELS.trackId} {...check("trackId")} required {...lockedHint}>
        <Select root={FIT} style={{ minWidth: 0, maxWidth: "100%" }} value={values.trackId} onChange={set("trackId")} disabled={!!started}>
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
      <Field label={FIELD_LABELS.startDate} required {...check("startDate", problem)} {...lockedHint}>
        <Input type="date" value={values.startDate} onChange={set("startDate")} readOnly={!!started} />
      </Field>
      {startsInThePast ? (
        <Field
          {...check("alreadyRunning", runningUnconfirmed ? `${readableDate(values.startDate)} is in the past. Tick this if the cohort is already running: members then join at the current week and get one catch-up message with the briefs of the sessions already held, and are not asked to check in on those. Otherwise choose a first session from today on.` : undefined)}
        >
          <Checkbox label={FIELD_LABELS.alreadyRunning} checked={values.alreadyRunning} onChange={(_e, d) => setValues({ ...values, alreadyRunning: d.checked === true })} />
        </Field>
      ) : null}
      <Field label={FIELD_LABELS.timeZone} {...check("timeZone")}>
        <Input value={values.timeZone} onChange={set("timeZone")} />
      </Field>
      <Field label={FIELD_LABELS.localTime} {...check("localTime")}>
        <Input type="time" value={values.localTime} onChange={set("localTime")} />
      </Field>
      <CalendarChoice mode={mode} value={values.calendar} onChange={(update) => setValues((v) => ({ ...v, calendar: update(v.calendar) }))} error={error} />
      <PeoplePicker
        label={FIELD_LABELS.facilitators}
        noun="facilitator"
        required
        value={values.facilitators}
        onChange={(facilitators) => setValues({ ...values, facilitators })}
        validationMessage={check("facilitators").validationMessage}
      />
      <PeoplePicker label={FIELD_LABELS.members} noun="member" value={values.members} onChange={(members) => setValues({ ...values, members })} validationMessage={check("members").validationMessage} />
      <ImportPeople
        current={values.members}
        onAdd={(people) => setValues((v) => ({ ...v, members: [...v.members, ...people.filter((p) => !v.members.some((m) => m.userId.toLowerCase() === p.userId.toLowerCase()))] }))}
      />
      {extraFields}
      {mode === "edit" ? (
        <Field label={FIELD_LABELS.status} {...check("status")} hint="The bot sends scheduled messages to active cohorts only. Pausing holds the rest of the programme; when it is active again it carries on where it stopped, every later message moved by the pause rounded up to whole weeks, so sessions keep their weekday.">
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
        <Button appearance="primary" disabled={saving || !!problem || runningUnconfirmed || !values.name.trim() || !values.trackId || !values.startDate || values.facilitators.length === 0} onClick={() => void submit()}>
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

/**
 * "Calendar": follow the organisation's working days and holidays (the default), or give the
 * cohort its own. Choosing its own starts from the calendar it runs on now.
 */
function CalendarChoice({ mode, value, onChange, error }: { mode: "create" | "edit"; value: CohortCalendarValue; onChange: (update: (previous: CohortCalendarValue) => CohortCalendarValue) => void; error?: ApiError }) {
  const choose = async (next: CohortCalendarValue["mode"]) => {
    onChange((previous) => ({ ...previous, mode: next }));
    // A new cohort's own calendar starts as a copy of the organisation's (an edited one already shows what it runs on),
    // unless the admin has changed it, or chosen the organisation's again, meanwhile.
    if (next === "own" && mode === "create") {
      const org = await api.get<TenantCalendarResponse>(apiRoutes.tenantCalendar.url()).catch(() => undefined);
      const untouched = (p: CohortCalendarValue) => p.mode === "own" && p.workingDays === value.workingDays && p.holidays === value.holidays;
      if (org) onChange((previous) => (untouched(previous) ? { mode: "own", workingDays: org.workingDays, holidays: org.holidays } : previous));
    }
  };
  return (
    <section aria-label="Calendar" style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 8, minWidth: 0 }}>
      <Field label={FIELD_LABELS.calendar} hint="Messages go out on working days only; one due on a day off comes on the next working day, at the same time.">
        <RadioGroup value={value.mode} onChange={(_e, d) => void choose(d.value as CohortCalendarValue["mode"])}>
          <Radio value="organisation" label="Follow the organisation's calendar" />
          <Radio value="own" label="Use its own working days and holidays" />
        </RadioGroup>
      </Field>
      {value.mode === "own" ? <WorkingWeekFields value={value} onChange={(week) => onChange((previous) => ({ ...previous, ...week }))} error={error} /> : null}
    </section>
  );
}
