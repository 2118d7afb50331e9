/**
 * Editing one of the organisation's tracks (or a built-in one, saved as the organisation's copy).
 * A save carries the ETag the editor read; if another admin saved first, the server refuses it and
 * the editor says so, keeping everything typed: save again over their version, or take theirs.
 * Nothing typed is lost on any error: the draft lives here until a save succeeds.
 */
import { Button, Card, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle, Text, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import type { CreateTrackRequest, SaveTrackRequest, TrackContent, TrackDetail } from "../../../bot/src/contract/track-authoring-contract";
import { api, ApiError } from "../api";
import { autoGrid } from "../components/Layout";
import { Failure, Loading } from "../components/States";
import { useApi } from "../useApi";
import { TrackFields } from "./TrackEditorFields";
import { LiveSessionsEditor } from "./TrackEditorLiveSessions";
import { bannerIssues, blankSession, cleanContent, clientIssues, messagesAt, moved, sessionsWithIssues, type Issue } from "./TrackEditorModel";
import { TrackPreview } from "./TrackEditorPreview";
import { SessionEditor } from "./TrackEditorSession";

export function TrackEditor({ trackId, onClose }: { trackId: string; onClose: (changed: boolean) => void }) {
  const [detail, reload] = useApi<TrackDetail>(apiRoutes.trackDetail.url({ trackId }));
  if (detail.state === "loading") return <Loading label="Loading the track" />;
  if (detail.state === "error")
    return (
      <div style={{ display: "grid", gap: 8 }}>
        <Failure error={detail.error} onRetry={reload} />
        <div>
          <Button onClick={() => onClose(false)}>Back to tracks</Button>
        </div>
      </div>
    );
  return <LoadedEditor key={trackId} read={detail.data} onClose={onClose} />;
}

type Status =
  | { kind: "idle" | "saving" }
  | { kind: "saved"; version: number }
  | { kind: "invalid"; issues: Issue[] }
  | { kind: "error"; error: ApiError }
  | { kind: "conflict"; theirs?: TrackDetail };

type Base = { id: string; version: number; etag?: string; builtIn: boolean; updatedByName?: string };
type StoredDraft = { base: Base; content: TrackContent };
const draftKey = (trackId: string) => `cohort-coach.track-draft.${trackId}`;
const baseOf = (d: TrackDetail): Base => ({ id: d.id, version: d.version, etag: d.etag, builtIn: d.builtIn, updatedByName: d.updatedByName });

/** Unsaved edits survive closing the editor or reloading the tab, with the version they were based on. */
function storedDraft(trackId: string): StoredDraft | undefined {
  try {
    const saved = sessionStorage.getItem(draftKey(trackId));
    return saved ? (JSON.parse(saved) as StoredDraft) : undefined;
  } catch {
    return undefined;
  }
}

function LoadedEditor({ read, onClose }: { read: TrackDetail; onClose: (changed: boolean) => void }) {
  const [restored] = useState(() => storedDraft(read.id));
  const [draft, setDraft] = useState<TrackContent>(restored?.content ?? read.content);
  /**
   * What the draft will be saved over: the track's id, version and ETag as read when editing began
   * (a restored draft keeps its own, so a save over someone else's newer version is a conflict).
   */
  const [base, setBase] = useState<Base>(restored?.base ?? baseOf(read));
  const [dirty, setDirty] = useState(!!restored);
  useEffect(() => {
    if (dirty) sessionStorage.setItem(draftKey(base.id), JSON.stringify({ base, content: draft } satisfies StoredDraft));
    else sessionStorage.removeItem(draftKey(base.id));
  }, [dirty, base, draft]);
  const [status, setStatus] = useState<Status>({ kind: "idle" });
  const [open, setOpen] = useState<Set<number>>(() => new Set([0]));
  const [changed, setChanged] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);

  const issues: Issue[] = status.kind === "invalid" ? status.issues : status.kind === "error" ? status.error.issues : [];
  const messageAt = (path: string) => messagesAt(issues, path);
  // Sessions with a message open, so the message is seen.
  useEffect(() => {
    const withIssues = sessionsWithIssues(issues);
    if (withIssues.size) setOpen((o) => new Set([...o, ...withIssues]));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status]);

  const edit = (next: TrackContent) => {
    setDraft(next);
    setDirty(true);
    if (status.kind === "saved" || status.kind === "invalid") setStatus({ kind: "idle" });
  };

  const failed = (err: unknown) => setStatus({ kind: "error", error: err instanceof ApiError ? err : new ApiError(0, "Saving failed. Your edits are still here: try again.") });

  /** Saves the draft over `etag`; a built-in track is first copied into the organisation's own. */
  const save = async (etag: string | undefined = base.etag) => {
    const problems = clientIssues(draft);
    if (problems.length) return setStatus({ kind: "invalid", issues: problems });
    setStatus({ kind: "saving" });
    let target: Base = { ...base, etag };
    try {
      if (base.builtIn || !etag) {
        const copy = await api.post<TrackDetail>(apiRoutes.createTrack.url(), { name: draft.name, copyOf: base.id } satisfies CreateTrackRequest);
        target = baseOf(copy);
        setBase(target);
        setChanged(true);
      }
      const saved = await api.put<TrackDetail>(apiRoutes.saveTrack.url({ trackId: target.id }), { content: cleanContent(draft), etag: target.etag ?? "" } satisfies SaveTrackRequest);
      if (target.id !== base.id) sessionStorage.removeItem(draftKey(base.id));
      setBase(baseOf(saved));
      setDirty(false);
      setChanged(true);
      setStatus({ kind: "saved", version: saved.version });
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        // Their version, to name it and to save over it if the admin keeps their own.
        const theirs = await api.get<TrackDetail>(apiRoutes.trackDetail.url({ trackId: target.id })).catch(() => undefined);
        setStatus({ kind: "conflict", theirs });
      } else failed(err);
    }
  };

  const keepMine = (theirs: TrackDetail) => {
    setBase(baseOf(theirs));
    void save(theirs.etag);
  };
  const discardMine = (theirs: TrackDetail) => {
    setBase(baseOf(theirs));
    setDraft(theirs.content);
    setDirty(false);
    setStatus({ kind: "idle" });
  };
  const discardRestored = () => {
    setBase(baseOf(read));
    setDraft(read.content);
    setDirty(false);
  };

  const setSession = (i: number, next: TrackContent["sessions"][number]) => edit({ ...draft, sessions: draft.sessions.map((s, j) => (j === i ? next : s)) });
  const moveSession = (from: number, to: number) => {
    edit({ ...draft, sessions: moved(draft.sessions, from, to).map((s, i) => ({ ...s, number: i + 1 })) });
    setOpen((o) => new Set([...o].map((i) => (i === from ? to : i === to ? from : i))));
  };
  const removeSession = (i: number) => {
    edit({ ...draft, sessions: draft.sessions.filter((_s, j) => j !== i).map((s, j) => ({ ...s, number: j + 1 })) });
    setOpen((o) => new Set([...o].filter((j) => j !== i).map((j) => (j > i ? j - 1 : j))));
  };
  const addSession = () => {
    edit({ ...draft, sessions: [...draft.sessions, blankSession(draft.sessions.length + 1)] });
    setOpen((o) => new Set([...o, draft.sessions.length]));
  };

  const banner = bannerIssues(issues);
  const busy = status.kind === "saving";
  return (
    <section aria-labelledby="track-editor-heading" style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 12, minWidth: 0 }}>
      <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: 8 }}>
        <Text as="h2" size={600} weight="semibold" id="track-editor-heading" ref={heading} tabIndex={-1} style={{ minWidth: 0 }}>
          Edit track: {draft.name || "(no name yet)"}
        </Text>
        <Button onClick={() => onClose(changed)}>Back to tracks</Button>
      </div>
      <Text size={200}>
        {base.builtIn
          ? "A built-in track. Saving makes it your organisation's own copy; the built-in one stays as it is."
          : `Version ${base.version}${base.updatedByName ? `, saved by ${base.updatedByName}` : ""}. Saving makes a new version; cohorts already running keep theirs until you move them.`}
      </Text>
      {restored && dirty ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>These are your unsaved edits from before, based on version {restored.base.version}.</MessageBarBody>
          <MessageBarActions>
            <Button onClick={discardRestored}>Discard them</Button>
          </MessageBarActions>
        </MessageBar>
      ) : null}
      {read.cohortsOnOlderVersions.length ? (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            Running on older versions: {read.cohortsOnOlderVersions.map((c) => `${c.cohortName} (version ${c.version})`).join(", ")}. Move them from each cohort&apos;s editor, after seeing what changes.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <div style={{ ...autoGrid(420, 16), alignItems: "start" }}>
        <div style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 12, minWidth: 0 }}>
          <TrackFields content={draft} onChange={edit} messageAt={messageAt} />
          <Text as="h3" size={400} weight="semibold">
            Sessions
          </Text>
          {draft.sessions.map((session, i) => (
            <SessionEditor
              key={i}
              session={session}
              index={i}
              count={draft.sessions.length}
              open={open.has(i)}
              onToggle={() => setOpen((o) => (o.has(i) ? new Set([...o].filter((j) => j !== i)) : new Set([...o, i])))}
              onChange={(next) => setSession(i, next)}
              onMove={(to) => moveSession(i, to)}
              onRemove={() => removeSession(i)}
              messageAt={(path) => messageAt(`sessions.${i}.${path}`)}
            />
          ))}
          {messageAt("sessions") && !sessionsWithIssues(issues).size ? <Text role="alert">{messageAt("sessions")}</Text> : null}
          <div>
            <Button onClick={addSession} disabled={draft.sessions.length >= 12}>
              Add a session
            </Button>
          </div>
          <LiveSessionsEditor content={draft} onChange={edit} messageAt={messageAt} />
        </div>
        <Card style={{ minWidth: 0, position: "sticky", top: 8, maxHeight: "calc(100vh - 16px)", overflowY: "auto" }}>
          <TrackPreview trackId={base.id} content={draft} />
        </Card>
      </div>
      <div style={{ position: "sticky", bottom: 0, background: tokens.colorNeutralBackground2, padding: "8px 0", display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 8, zIndex: 1 }}>
        {status.kind === "conflict" ? <ConflictNotice theirs={status.theirs} onKeepMine={keepMine} onDiscardMine={discardMine} /> : null}
        {status.kind === "invalid" || status.kind === "error" ? (
          <MessageBar intent="error" role="alert" layout="multiline">
            <MessageBarBody>
              {issues.length === 0 && status.kind === "error" ? status.error.message : banner.length ? banner.map((i) => i.message).join(" ") : "Some details need fixing: see the messages by the fields above."}
            </MessageBarBody>
          </MessageBar>
        ) : null}
        {status.kind === "saved" ? (
          <MessageBar intent="success" role="status">
            <MessageBarBody>Saved as version {status.version}.</MessageBarBody>
          </MessageBar>
        ) : null}
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
          <Button appearance="primary" disabled={busy} onClick={() => void save()}>
            {busy ? "Saving…" : base.builtIn ? "Save as your organisation's copy" : "Save"}
          </Button>
          <Button onClick={() => onClose(changed)}>Close</Button>
        </div>
      </div>
    </section>
  );
}

function ConflictNotice({ theirs, onKeepMine, onDiscardMine }: { theirs?: TrackDetail; onKeepMine: (theirs: TrackDetail) => void; onDiscardMine: (theirs: TrackDetail) => void }) {
  return (
    <MessageBar intent="warning" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Someone else saved this track while you were editing</MessageBarTitle>
        {theirs
          ? `${theirs.updatedByName ?? "Another admin"} saved version ${theirs.version}. Your edits are still here and were not saved.`
          : "Your edits are still here and were not saved. Their version could not be loaded: try again in a moment."}
      </MessageBarBody>
      {theirs ? (
        <MessageBarActions>
          <Button onClick={() => onKeepMine(theirs)}>Keep mine and save again</Button>
          <Button onClick={() => onDiscardMine(theirs)}>Discard mine</Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}
