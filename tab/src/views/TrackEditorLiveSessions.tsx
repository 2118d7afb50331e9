/**
 * The track's live sessions in the editor: the Teams meetings each cohort on the track holds. A
 * track starts on the defaults (a kick-off in week 1 and a clinic after each session's check-in),
 * which follow its sessions; changing any row makes the list the track's own. "Use the defaults"
 * goes back; "No live sessions" saves an empty list. Each row: kind, week (one of the track's
 * sessions), title, length in minutes and an optional time of its own.
 */
import { Button, Card, Field, Input, Select, Text, tokens } from "@fluentui/react-components";
import { MAX_LIVE_SESSION_MINUTES, MAX_LIVE_SESSIONS, MIN_LIVE_SESSION_MINUTES, type LiveSessionDefinition, type TrackContent } from "../../../bot/src/contract/track-authoring-contract";
import { autoGrid } from "../components/Layout";
import { FIT } from "./TrackEditorLists";
import { liveSessionRows, newLiveSession } from "./TrackEditorModel";

const grid: React.CSSProperties = { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 10, minWidth: 0 };
const rowStyle: React.CSSProperties = { ...grid, gap: 6, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: "8px 10px", margin: 0 };

const KIND_WORDS: Record<LiveSessionDefinition["kind"], string> = { kickoff: "Kick-off", clinic: "Clinic" };

export function LiveSessionsEditor({ content, onChange, messageAt }: { content: TrackContent; onChange: (next: TrackContent) => void; messageAt: (path: string) => string | undefined }) {
  const { rows, defaults } = liveSessionRows(content);
  const set = (next: LiveSessionDefinition[] | undefined) => {
    const { liveSessions: _was, ...rest } = content;
    void _was;
    onChange(next ? { ...rest, liveSessions: next } : rest);
  };
  const edit = (i: number, patch: Partial<LiveSessionDefinition>) => set(rows.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  const rowMessages = rows.some((_d, i) => messageAt(`liveSessions.${i}`));
  const general = rowMessages ? undefined : messageAt("liveSessions");
  const state = defaults
    ? "These are the defaults: a kick-off in week 1 and a clinic after each session. They follow your sessions as you add or remove them; change any of them to make the list this track's own."
    : rows.length
      ? `${rows.length} live session${rows.length === 1 ? "" : "s"} of this track's own.`
      : "No live sessions: cohorts on this track get no Teams meetings.";
  return (
    <Card style={{ minWidth: 0 }}>
      <section aria-labelledby="live-sessions-heading" style={grid}>
        <Text as="h3" size={400} weight="semibold" id="live-sessions-heading">
          Live sessions
        </Text>
        <Text size={200}>
          Teams meetings each cohort on this track holds, hosted by its facilitator. A kick-off is on the day of its session&apos;s brief; a clinic is on the working day after that session&apos;s check-in closes, between what members reported and the next session.
        </Text>
        <Text size={200} role="status">
          {state}
        </Text>
        {rows.map((d, i) => (
          <LiveSessionRow key={`${d.key}-${i}`} index={i} definition={d} content={content} onEdit={(patch) => edit(i, patch)} onRemove={() => set(rows.filter((_x, j) => j !== i))} messageAt={(field) => messageAt(`liveSessions.${i}.${field}`)} />
        ))}
        {general ? (
          <Text role="alert" size={200} style={{ color: tokens.colorPaletteRedForeground1 }}>
            {general}
          </Text>
        ) : null}
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
          <Button size="small" disabled={rows.length >= MAX_LIVE_SESSIONS} onClick={() => set([...rows, newLiveSession(content, rows)])}>
            Add a live session
          </Button>
          {!defaults ? (
            <Button size="small" appearance="subtle" onClick={() => set(undefined)}>
              Use the defaults
            </Button>
          ) : null}
          {defaults || rows.length ? (
            <Button size="small" appearance="subtle" onClick={() => set([])}>
              No live sessions
            </Button>
          ) : null}
        </div>
      </section>
    </Card>
  );
}

function LiveSessionRow({ index, definition: d, content, onEdit, onRemove, messageAt }: { index: number; definition: LiveSessionDefinition; content: TrackContent; onEdit: (patch: Partial<LiveSessionDefinition>) => void; onRemove: () => void; messageAt: (field: string) => string | undefined }) {
  const n = index + 1;
  const check = (field: string) => {
    const message = messageAt(field);
    return { validationMessage: message, validationState: message ? ("error" as const) : ("none" as const), style: FIT };
  };
  const weeks = content.sessions.map((s, i) => ({ week: i + 1, title: s.title }));
  const known = weeks.some((w) => w.week === d.week);
  return (
    <fieldset style={rowStyle}>
      <legend style={{ padding: "0 4px", minWidth: 0, overflowWrap: "anywhere" }}>
        <Text weight="semibold">
          Live session {n}: {d.title.trim() || "(no title yet)"}
        </Text>
      </legend>
      <div style={{ ...autoGrid(140, 8), minWidth: 0 }}>
        <Field label={`Live session ${n} kind`} {...check("kind")}>
          <Select value={d.kind} style={FIT} onChange={(_e, v) => onEdit({ kind: v.value as LiveSessionDefinition["kind"] })}>
            {(["kickoff", "clinic"] as const).map((kind) => (
              <option key={kind} value={kind}>
                {KIND_WORDS[kind]}
              </option>
            ))}
          </Select>
        </Field>
        <Field label={`Live session ${n} week`} {...check("week")}>
          <Select value={String(d.week)} style={FIT} onChange={(_e, v) => onEdit({ week: Number(v.value) })}>
            {known ? null : <option value={String(d.week)}>Week {d.week} (no such session)</option>}
            {weeks.map((w) => (
              <option key={w.week} value={String(w.week)}>
                Week {w.week}
                {w.title.trim() ? `: ${w.title.trim()}` : ""}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <Field label={`Live session ${n} title`} required {...check("title")}>
        <Input value={d.title} style={FIT} onChange={(_e, v) => onEdit({ title: v.value })} />
      </Field>
      <div style={{ ...autoGrid(140, 8), minWidth: 0 }}>
        <Field label={`Live session ${n} length (minutes)`} hint={`${MIN_LIVE_SESSION_MINUTES} to ${MAX_LIVE_SESSION_MINUTES}.`} {...check("durationMinutes")}>
          <Input
            type="number"
            inputMode="numeric"
            min={MIN_LIVE_SESSION_MINUTES}
            max={MAX_LIVE_SESSION_MINUTES}
            step={5}
            value={Number.isFinite(d.durationMinutes) ? String(d.durationMinutes) : ""}
            style={FIT}
            onChange={(_e, v) => onEdit({ durationMinutes: v.value.trim() === "" ? Number.NaN : Number(v.value) })}
          />
        </Field>
        <Field label={`Live session ${n} time (optional)`} hint="Empty: the cohort's delivery time." {...check("localTime")}>
          <Input type="time" value={d.localTime ?? ""} style={FIT} onChange={(_e, v) => onEdit({ localTime: v.value })} />
        </Field>
      </div>
      {messageAt("key") ? (
        <Text role="alert" size={200} style={{ color: tokens.colorPaletteRedForeground1 }}>
          {messageAt("key")}
        </Text>
      ) : null}
      <div>
        <Button size="small" appearance="subtle" aria-label={`Remove live session ${n}`} onClick={onRemove}>
          Remove
        </Button>
      </div>
    </fieldset>
  );
}
