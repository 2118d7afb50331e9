/**
 * One session of a track in the editor: what the brief teaches (workflow, summary, try-this steps,
 * example prompt, watch-out), the apply assignment, the reflect questions, the organisation's links,
 * and the seniority variants that replace parts of it for managers or executives.
 */
import { Button, Card, Field, Input, Text, Textarea } from "@fluentui/react-components";
import { SENIORITY_LABELS, SENIORITY_LEVELS, type SeniorityLevel, type SessionVariant, type TrackContentSession } from "../../../bot/src/contract/track-authoring-contract";
import { FIT, LinksEditor, TextListEditor } from "./TrackEditorLists";

const fieldGrid: React.CSSProperties = { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 10, minWidth: 0 };

export interface SessionEditorProps {
  session: TrackContentSession;
  index: number;
  count: number;
  open: boolean;
  onToggle: () => void;
  onChange: (next: TrackContentSession) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  /** The messages for a path under this session (`learn.workflow`), if any. */
  messageAt: (path: string) => string | undefined;
}

export function SessionEditor({ session, index, count, open, onToggle, onChange, onMove, onRemove, messageAt }: SessionEditorProps) {
  const n = index + 1;
  const check = (path: string) => {
    const message = messageAt(path);
    return { validationMessage: message, validationState: message ? ("error" as const) : ("none" as const), style: FIT };
  };
  const learn = (patch: Partial<TrackContentSession["learn"]>) => onChange({ ...session, learn: { ...session.learn, ...patch } });
  const apply = (patch: Partial<TrackContentSession["apply"]>) => onChange({ ...session, apply: { ...session.apply, ...patch } });
  const panelId = `session-${n}-panel`;
  return (
    <Card style={{ minWidth: 0 }}>
      <div style={{ display: "flex", flexWrap: "wrap", alignItems: "center", justifyContent: "space-between", gap: 8 }}>
        <Text as="h4" weight="semibold" style={{ minWidth: 0 }}>
          Session {n}: {session.title || "(no title yet)"}
        </Text>
        <div style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>
          <Button size="small" aria-expanded={open} aria-controls={panelId} onClick={onToggle}>
            {open ? "Hide" : "Edit"} session {n}
          </Button>
          <Button size="small" appearance="subtle" disabled={index === 0} aria-label={`Move session ${n} earlier`} onClick={() => onMove(index - 1)}>
            Earlier
          </Button>
          <Button size="small" appearance="subtle" disabled={index === count - 1} aria-label={`Move session ${n} later`} onClick={() => onMove(index + 1)}>
            Later
          </Button>
          <Button size="small" appearance="subtle" disabled={count === 1} aria-label={`Remove session ${n}`} onClick={onRemove}>
            Remove
          </Button>
        </div>
      </div>
      {open ? (
        <div id={panelId} role="group" aria-label={`Session ${n}`} style={fieldGrid}>
          <Field label={`Session ${n} title`} required {...check("title")}>
            <Input value={session.title} style={FIT} onChange={(_e, d) => onChange({ ...session, title: d.value })} />
          </Field>
          <Field label={`Session ${n} workflow`} hint="The real piece of work the session is built around, in your organisation's words." required {...check("learn.workflow")}>
            <Input value={session.learn.workflow} style={FIT} onChange={(_e, d) => learn({ workflow: d.value })} />
          </Field>
          <Field label={`Session ${n} summary`} required {...check("learn.summary")}>
            <Textarea value={session.learn.summary} resize="vertical" rows={4} style={FIT} onChange={(_e, d) => learn({ summary: d.value })} />
          </Field>
          <TextListEditor legend={`Session ${n}: try this (steps, in order)`} what="try this step" multiline items={session.learn.tryThis} onChange={(tryThis) => learn({ tryThis })} validationMessage={messageAt("learn.tryThis")} />
          <Field label={`Session ${n} example prompt`} hint="Members get a copy button for it on the card." required {...check("learn.examplePrompt")}>
            <Textarea value={session.learn.examplePrompt} resize="vertical" rows={4} style={FIT} onChange={(_e, d) => learn({ examplePrompt: d.value })} />
          </Field>
          <Field label={`Session ${n} watch out`} {...check("learn.watchOut")}>
            <Textarea value={session.learn.watchOut} resize="vertical" style={FIT} onChange={(_e, d) => learn({ watchOut: d.value })} />
          </Field>
          <TextListEditor legend={`Session ${n}: reflect questions`} what="reflect question" items={session.reflectQuestions} onChange={(reflectQuestions) => onChange({ ...session, reflectQuestions })} validationMessage={messageAt("reflectQuestions")} max={5} />
          <Field label={`Session ${n} apply prompt`} hint="The question that asks each member which real piece of work they will do this week." required {...check("apply.prompt")}>
            <Textarea value={session.apply.prompt} resize="vertical" style={FIT} onChange={(_e, d) => apply({ prompt: d.value })} />
          </Field>
          <TextListEditor legend={`Session ${n}: apply examples`} what="apply example" items={session.apply.examples} onChange={(examples) => apply({ examples })} validationMessage={messageAt("apply.examples")} max={6} />
          <LinksEditor legend={`Session ${n}: templates and documents`} links={session.links} onChange={(links) => onChange({ ...session, links })} messageAt={(sub) => messageAt(sub ? `links.${sub}` : "links")} />
          <VariantsEditor session={session} n={n} onChange={onChange} messageAt={messageAt} />
        </div>
      ) : null}
    </Card>
  );
}

const VARIANT_FIELDS: Array<{ key: Exclude<keyof SessionVariant, "tryThis">; label: string; multiline?: boolean }> = [
  { key: "summary", label: "summary", multiline: true },
  { key: "examplePrompt", label: "example prompt", multiline: true },
  { key: "watchOut", label: "watch out", multiline: true },
  { key: "applyPrompt", label: "apply prompt", multiline: true },
];

/** Per seniority level, what replaces the session's own text; a level left empty gets the session as it is. */
function VariantsEditor({ session, n, onChange, messageAt }: { session: TrackContentSession; n: number; onChange: (next: TrackContentSession) => void; messageAt: (path: string) => string | undefined }) {
  const setVariant = (level: SeniorityLevel, next: SessionVariant | undefined) => {
    const variants = { ...session.variants };
    if (next) variants[level] = next;
    else delete variants[level];
    onChange({ ...session, variants });
  };
  return (
    <fieldset style={{ ...fieldGrid, border: 0, padding: 0, margin: 0 }}>
      <legend>
        <Text weight="semibold">Session {n}: seniority variants</Text>
      </legend>
      <Text size={200}>Replace parts of this session for a level. Members get a variant from their job title (by the track&apos;s seniority rules) or from the level an admin sets for them.</Text>
      {SENIORITY_LEVELS.map((level) => {
        const variant = session.variants[level];
        const label = SENIORITY_LABELS[level];
        if (!variant)
          return (
            <div key={level}>
              <Button size="small" onClick={() => setVariant(level, {})}>
                Add a variant for {label.toLowerCase()}
              </Button>
            </div>
          );
        const at = `variants.${level}`;
        return (
          <Card key={level} appearance="outline" style={{ minWidth: 0 }}>
            <Text weight="semibold">{label}</Text>
            {VARIANT_FIELDS.map(({ key, label: what }) => {
              const message = messageAt(`${at}.${key}`);
              return (
                <Field key={key} label={`${label}: ${what}`} hint="Leave empty to use the session's own." style={FIT} validationMessage={message} validationState={message ? "error" : "none"}>
                  <Textarea value={variant[key] ?? ""} resize="vertical" style={FIT} onChange={(_e, d) => setVariant(level, { ...variant, [key]: d.value })} />
                </Field>
              );
            })}
            <TextListEditor
              legend={`${label}: try this`}
              what={`${level} try this step`}
              hint="Leave empty to use the session's own steps."
              multiline
              items={variant.tryThis ?? []}
              onChange={(tryThis) => setVariant(level, { ...variant, tryThis })}
              validationMessage={messageAt(`${at}.tryThis`)}
            />
            <div>
              <Button size="small" appearance="subtle" onClick={() => setVariant(level, undefined)}>
                Remove the variant for {label.toLowerCase()}
              </Button>
            </div>
          </Card>
        );
      })}
    </fieldset>
  );
}
