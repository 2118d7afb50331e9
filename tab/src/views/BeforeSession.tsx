/**
 * "Before session n+1", for a cohort's facilitators: what members reported on session n (how many
 * checked in, blockers by theme, quotes only when at least 5 answered, the week's shared wins,
 * open help requests and questions), and a short note with up to three featured quotes or wins
 * that opens the next session's brief.
 *
 * A publish carries the ETag the digest was read with. When another facilitator published first,
 * their version is loaded and shown, while what this facilitator typed stays in the form (drafts
 * live here, per session, outside the loaded data), so publishing again is a choice, not a loss.
 * Members' words are rendered as plain text everywhere.
 */
import { Badge, Button, Card, Checkbox, Field, MessageBar, MessageBarBody, MessageBarTitle, Select, Text, Textarea, Title3, tokens } from "@fluentui/react-components";
import { useState, type ReactNode } from "react";
import type { DigestQuote, DigestWin, PublishDigestRequest, SessionDigestResponse } from "../../../bot/src/contract/api-contract";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { LIMITS } from "../../../bot/src/domain/limits";
import { api, ApiError, issuesFor, otherIssues } from "../api";
import { Empty, Failure, Loading } from "../components/States";
import { useApi } from "../useApi";

const MAX_FEATURED = 3;
const NOTE_MAX = LIMITS.digestNote;

type Draft = { note: string; featured: string[] };
type Outcome = { kind: "published" } | { kind: "conflict" } | { kind: "error"; error: ApiError };

const QUOTE_KIND: Record<DigestQuote["kind"], string> = { worked: "What worked", stuck: "Where they got stuck", reflect: "Reflection" };

export function BeforeSession({ cohortId }: { cohortId: string }) {
  const [session, setSession] = useState<number>();
  const [loaded, reload] = useApi<SessionDigestResponse>(apiRoutes.digest.url({ cohortId }, { session }));
  // The publish answer is the digest as it now stands: shown without asking the server again.
  const [publishedNow, setPublishedNow] = useState<SessionDigestResponse>();
  const [drafts, setDrafts] = useState<Record<number, Draft>>({});
  const [outcome, setOutcome] = useState<{ sessionNumber: number } & Outcome>();
  const [publishing, setPublishing] = useState(false);

  const digest = loaded.state === "ready" ? (publishedNow?.sessionNumber === loaded.data.sessionNumber ? publishedNow : loaded.data) : undefined;
  const title = digest ? `Before session ${digest.nextSessionNumber}` : "Before the next session";
  const shownOutcome = digest && outcome?.sessionNumber === digest.sessionNumber ? outcome : undefined;

  const choose = (sessionNumber: number) => {
    setPublishedNow(undefined);
    setOutcome(undefined);
    setSession(sessionNumber);
  };

  const publish = async (d: SessionDigestResponse, draft: Draft) => {
    setPublishing(true);
    setOutcome(undefined);
    const body: PublishDigestRequest = { note: draft.note.trim(), featured: draft.featured, ...(d.etag ? { etag: d.etag } : {}) };
    try {
      setPublishedNow(await api.post<SessionDigestResponse>(apiRoutes.publishDigest.url({ cohortId, sessionNumber: String(d.sessionNumber) }), body));
      setOutcome({ sessionNumber: d.sessionNumber, kind: "published" });
    } catch (err) {
      const error = err instanceof ApiError ? err : new ApiError(0, "Could not publish. Try again.");
      if (error.code === "CONCURRENCY.CONFLICT") {
        setOutcome({ sessionNumber: d.sessionNumber, kind: "conflict" });
        setPublishedNow(undefined);
        reload();
      } else setOutcome({ sessionNumber: d.sessionNumber, kind: "error", error });
    } finally {
      setPublishing(false);
    }
  };

  return (
    <Card>
      <Title3 as="h3">{title}</Title3>
      {shownOutcome?.kind === "conflict" ? <ConflictNotice /> : null}
      {loaded.state === "loading" ? <Loading label="Loading the digest" /> : null}
      {loaded.state === "error" && loaded.error.status === 404 ? <Empty title="No check-in has opened yet">The digest appears when the first check-in opens.</Empty> : null}
      {loaded.state === "error" && loaded.error.status !== 404 ? <Failure error={loaded.error} onRetry={reload} /> : null}
      {digest ? (
        <DigestBody
          digest={digest}
          draft={drafts[digest.sessionNumber] ?? draftFrom(digest)}
          onDraft={(draft) => setDrafts((all) => ({ ...all, [digest.sessionNumber]: draft }))}
          onChoose={choose}
          onPublish={(draft) => void publish(digest, draft)}
          publishing={publishing}
          outcome={shownOutcome}
        />
      ) : null}
    </Card>
  );
}

function draftFrom(digest: SessionDigestResponse): Draft {
  return { note: digest.published?.note ?? "", featured: digest.published?.featured ?? [] };
}

interface DigestBodyProps {
  digest: SessionDigestResponse;
  draft: Draft;
  onDraft: (draft: Draft) => void;
  onChoose: (sessionNumber: number) => void;
  onPublish: (draft: Draft) => void;
  publishing: boolean;
  outcome?: Outcome;
}

function DigestBody({ digest, draft, onDraft, onChoose, onPublish, publishing, outcome }: DigestBodyProps) {
  const error = outcome?.kind === "error" ? outcome.error : undefined;
  const noteIssue = issuesFor(error, "note");
  const featuredIssue = issuesFor(error, "featured");
  const tooLong = draft.note.trim().length > NOTE_MAX;
  // Under 5 responses the brief carries only the note, so nothing can be featured.
  const selectable = !digest.quotesWithheld;
  const items = featurable(digest);
  const featured = selectable ? draft.featured.filter((id) => items.has(id)) : [];
  const toggle = (id: string, on: boolean) => onDraft({ ...draft, featured: on ? [...featured, id] : featured.filter((f) => f !== id) });
  const canFeature = (id: string) => featured.includes(id) || featured.length < MAX_FEATURED;
  const nothingToPublish = !digest.published && !draft.note.trim() && featured.length === 0;

  return (
    <div style={{ display: "grid", gap: 16, minWidth: 0 }}>
      <SessionChooser digest={digest} onChoose={onChoose} />
      <Figures digest={digest} />
      {digest.quotesWithheld ? (
        <Text block>
          Fewer than 5 members answered, so no quotes or themes are shown, and session {digest.nextSessionNumber}'s brief will carry only your note.
        </Text>
      ) : (
        <Blockers blockers={digest.blockers} />
      )}
      {selectable ? (
        <>
          <Section title="Quotes">
            {digest.quotes.length === 0 ? (
              <Text block>No quotable answers this time.</Text>
            ) : (
              <ItemList label="Quotes from the check-in">
                {digest.quotes.map((q) => (
                  <FeatureItem key={q.id} id={q.id} checked={featured.includes(q.id)} disabled={!canFeature(q.id)} onChange={toggle}>
                    <Text size={200} block>
                      {QUOTE_KIND[q.kind]}
                      {q.kind === "reflect" && q.question ? `: ${q.question}` : ""}
                      {q.named ? (
                        <>
                          {" "}
                          <Badge appearance="tint" color="informative">
                            may be named
                          </Badge>
                        </>
                      ) : null}
                    </Text>
                    <Text block style={PLAIN}>
                      {q.text}
                    </Text>
                  </FeatureItem>
                ))}
              </ItemList>
            )}
          </Section>
          <Section title="This week's shared wins">
            {digest.wins.length === 0 ? (
              <Text block>No wins were shared this week.</Text>
            ) : (
              <ItemList label="Wins shared this week">
                {digest.wins.map((w) => (
                  <FeatureItem key={w.id} id={w.id} checked={featured.includes(w.id)} disabled={!canFeature(w.id)} onChange={toggle}>
                    <WinText win={w} />
                  </FeatureItem>
                ))}
              </ItemList>
            )}
          </Section>
          <Text block aria-live="polite" weight="semibold">
            {featured.length} of {MAX_FEATURED} chosen
          </Text>
          {featuredIssue ? (
            <Text block role="alert" style={{ color: tokens.colorPaletteRedForeground1 }}>
              {featuredIssue}
            </Text>
          ) : null}
        </>
      ) : null}
      <Field
        label="Your note to the cohort"
        hint={`It opens session ${digest.nextSessionNumber}'s brief. ${draft.note.trim().length} of ${NOTE_MAX} characters.`}
        validationMessage={tooLong ? `Your note is ${draft.note.trim().length - NOTE_MAX} characters too long: keep it to ${NOTE_MAX} characters or fewer.` : noteIssue}
        validationState={tooLong || noteIssue ? "error" : "none"}
      >
        <Textarea rows={4} resize="vertical" value={draft.note} onChange={(_e, d) => onDraft({ ...draft, note: d.value })} />
      </Field>
      <Preview digest={digest} note={draft.note.trim()} featured={featured} />
      {error && (!(noteIssue || featuredIssue) || otherIssues(error, ["note", "featured"]).length) ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{noteIssue || featuredIssue ? otherIssues(error, ["note", "featured"]).join(" ") : error.message}</MessageBarBody>
        </MessageBar>
      ) : null}
      {digest.published ? <PublishedLine digest={digest} justNow={outcome?.kind === "published"} afterConflict={outcome?.kind === "conflict"} /> : null}
      <div>
        <Button appearance="primary" disabled={publishing || tooLong || nothingToPublish} onClick={() => onPublish({ note: draft.note, featured })}>
          {publishing ? "Publishing…" : digest.published ? "Update" : `Publish to session ${digest.nextSessionNumber}'s brief`}
        </Button>
      </div>
    </div>
  );
}

function SessionChooser({ digest, onChoose }: { digest: SessionDigestResponse; onChoose: (sessionNumber: number) => void }) {
  return (
    <div style={{ display: "grid", gap: 8, minWidth: 0 }}>
      <Text block>
        From the check-in on session {digest.sessionNumber}, which closes on {digest.checkInClosesOn}. Session {digest.nextSessionNumber} starts on {digest.nextSessionOn}.
      </Text>
      {digest.sessions.length > 1 ? (
        <Field label="Check-in to prepare from" style={{ maxWidth: 420, minWidth: 0 }}>
          <Select value={String(digest.sessionNumber)} onChange={(_e, d) => onChoose(Number(d.value))} root={{ style: { maxWidth: "100%", minWidth: 0 } }} style={{ minWidth: 0, maxWidth: "100%", textOverflow: "ellipsis" }}>
            {digest.sessions.map((s) => (
              <option key={s.sessionNumber} value={String(s.sessionNumber)}>
                Session {s.sessionNumber} (closes {s.checkInClosesOn}
                {s.published ? ", published" : ""})
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
    </div>
  );
}

function Figures({ digest }: { digest: SessionDigestResponse }) {
  return (
    <ul aria-label="Check-in in figures" style={{ ...LIST, gap: 4 }}>
      <li>
        <Text weight="semibold">
          {digest.responses} of {digest.members} checked in
        </Text>
      </li>
      <li>
        <Text>Open help requests: {digest.openHelpRequests}</Text>
      </li>
      <li>
        <Text>Open questions: {digest.openQuestions}</Text>
      </li>
    </ul>
  );
}

function Blockers({ blockers }: { blockers: SessionDigestResponse["blockers"] }) {
  return (
    <Section title="Where members got stuck, by theme">
      {blockers.length === 0 ? (
        <Text block>Nobody named a blocker.</Text>
      ) : (
        <ul aria-label="Blockers by theme" style={{ ...LIST, gap: 4 }}>
          {blockers.map((b) => (
            <li key={b.blocker} style={WRAP}>
              <Text>
                {b.label}: {b.count}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}

function FeatureItem({ id, checked, disabled, onChange, children }: { id: string; checked: boolean; disabled: boolean; onChange: (id: string, on: boolean) => void; children: ReactNode }) {
  const textId = `feature-${id}`;
  return (
    <li style={{ ...WRAP, borderLeft: `3px solid ${checked ? tokens.colorBrandStroke1 : tokens.colorNeutralStroke2}`, paddingLeft: 12 }}>
      <div id={textId}>{children}</div>
      <Checkbox label="Feature" checked={checked} disabled={disabled} aria-describedby={textId} onChange={(_e, d) => onChange(id, d.checked === true)} />
    </li>
  );
}

function WinText({ win }: { win: DigestWin }) {
  return (
    <>
      <Text size={200} block>
        {win.displayName}
        {win.minutesSaved !== undefined ? ` · ${win.minutesSaved} minutes saved` : ""}
      </Text>
      <Text block style={PLAIN}>
        {win.text}
      </Text>
    </>
  );
}

/** What members will read at the top of the next brief, as far as the tab knows it. */
function Preview({ digest, note, featured }: { digest: SessionDigestResponse; note: string; featured: string[] }) {
  const quotes = new Map(digest.quotes.map((q) => [q.id, q]));
  const wins = new Map(digest.wins.map((w) => [w.id, w]));
  const empty = !note && featured.length === 0 && !digest.summaryLine;
  return (
    <section aria-label="Preview of what members will read" style={{ ...WRAP, background: tokens.colorNeutralBackground2, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: 12 }}>
      <Text size={200} block>
        Preview: what members will read in session {digest.nextSessionNumber}'s brief
      </Text>
      <Text as="h4" weight="semibold" size={400} block>
        From your cohort last week
      </Text>
      {note ? (
        <Text block style={PLAIN}>
          {note}
        </Text>
      ) : null}
      {featured.length ? (
        <ul aria-label="Featured in the brief" style={{ ...LIST, gap: 8, marginTop: 8 }}>
          {featured.map((id) => {
            const quote = quotes.get(id);
            const win = wins.get(id);
            return (
              <li key={id} style={WRAP}>
                <Text block style={PLAIN}>
                  “{quote?.text ?? win?.text}”
                </Text>
                <Text size={200} block>
                  — {quote ? (quote.named ? "named if they agreed" : "A member") : win?.displayName}
                </Text>
              </li>
            );
          })}
        </ul>
      ) : null}
      {digest.summaryLine ? (
        <Text block style={{ ...PLAIN, marginTop: 8 }}>
          {digest.summaryLine}
        </Text>
      ) : null}
      {empty ? <Text block>Nothing yet: write a note or feature a quote or win.</Text> : null}
    </section>
  );
}

function PublishedLine({ digest, justNow, afterConflict }: { digest: SessionDigestResponse; justNow: boolean; afterConflict: boolean }) {
  const published = digest.published!;
  const line = `Published to session ${digest.nextSessionNumber}'s brief by ${published.publishedByName} on ${formatInstant(published.publishedAt)}.`;
  if (justNow)
    return (
      <MessageBar intent="success" role="status">
        <MessageBarBody>{line}</MessageBarBody>
      </MessageBar>
    );
  return (
    <div role="status" style={WRAP}>
      <Text block>{line}</Text>
      <PublishedVersion digest={digest} open={afterConflict} />
    </div>
  );
}

/** What is in the brief now, which after a conflict can differ from the form. */
function PublishedVersion({ digest, open }: { digest: SessionDigestResponse; open: boolean }) {
  const published = digest.published!;
  const texts = new Map<string, string>([...digest.quotes.map((q) => [q.id, q.text] as const), ...digest.wins.map((w) => [w.id, w.text] as const)]);
  return (
    <details open={open}>
      <summary>
        <Text>What the brief says now</Text>
      </summary>
      <Text block style={PLAIN}>
        {published.note || "(no note)"}
      </Text>
      {published.featured.length ? (
        <ul aria-label="Featured in the published brief" style={{ ...LIST, gap: 4 }}>
          {published.featured.map((id) => (
            <li key={id} style={WRAP}>
              <Text style={PLAIN}>“{texts.get(id) ?? "an item no longer in the digest"}”</Text>
            </li>
          ))}
        </ul>
      ) : null}
    </details>
  );
}

function ConflictNotice() {
  return (
    <MessageBar intent="warning" role="alert" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Another facilitator published first</MessageBarTitle>
        Your version was not published. Theirs is shown under "What the brief says now"; your note and choices are still in the form. Publish again to replace theirs.
      </MessageBarBody>
    </MessageBar>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section style={{ display: "grid", gap: 8, minWidth: 0 }}>
      <Text as="h4" size={400} weight="semibold" block>
        {title}
      </Text>
      {children}
    </section>
  );
}

function ItemList({ label, children }: { label: string; children: ReactNode }) {
  return (
    <ul aria-label={label} style={{ ...LIST, gap: 12 }}>
      {children}
    </ul>
  );
}

function featurable(digest: SessionDigestResponse): Set<string> {
  return new Set([...digest.quotes.map((q) => q.id), ...digest.wins.map((w) => w.id)]);
}

function formatInstant(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

const LIST: React.CSSProperties = { listStyle: "none", padding: 0, margin: 0, display: "grid", minWidth: 0 };
const WRAP: React.CSSProperties = { minWidth: 0, overflowWrap: "anywhere" };
const PLAIN: React.CSSProperties = { whiteSpace: "pre-wrap", overflowWrap: "anywhere" };
