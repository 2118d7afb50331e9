/** The track-wide fields: name, audience, description, default time, the approved AI tool and the seniority rules. */
import { Button, Card, Field, Input, Select, Text, Textarea } from "@fluentui/react-components";
import { DEFAULT_SENIORITY_RULES } from "../../../bot/src/domain/seniority";
import { SENIORITY_LABELS, SENIORITY_LEVELS, type SeniorityLevel, type TrackContent } from "../../../bot/src/contract/track-authoring-contract";
import { FIT, TextListEditor } from "./TrackEditorLists";
import { moved } from "./TrackEditorModel";

const grid: React.CSSProperties = { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 10, minWidth: 0 };

export function TrackFields({ content, onChange, messageAt }: { content: TrackContent; onChange: (next: TrackContent) => void; messageAt: (path: string) => string | undefined }) {
  const check = (path: string) => {
    const message = messageAt(path);
    return { validationMessage: message, validationState: message ? ("error" as const) : ("none" as const), style: FIT };
  };
  const tool = content.approvedTool ?? { name: "", howTo: [] };
  return (
    <>
      <Card style={{ minWidth: 0 }}>
        <div style={grid}>
          <Field label="Track name" required {...check("name")}>
            <Input value={content.name} style={FIT} onChange={(_e, d) => onChange({ ...content, name: d.value })} />
          </Field>
          <Field label="Who it is for" required {...check("audience")}>
            <Input value={content.audience} style={FIT} onChange={(_e, d) => onChange({ ...content, audience: d.value })} />
          </Field>
          <Field label="Description" required {...check("description")}>
            <Textarea value={content.description} resize="vertical" style={FIT} onChange={(_e, d) => onChange({ ...content, description: d.value })} />
          </Field>
          <Field label="Default delivery time" hint="A cohort can choose its own." required {...check("defaultLocalTime")}>
            <Input type="time" value={content.defaultLocalTime} style={FIT} onChange={(_e, d) => onChange({ ...content, defaultLocalTime: d.value })} />
          </Field>
        </div>
      </Card>
      <Card style={{ minWidth: 0 }}>
        <div style={grid}>
          <Text as="h3" size={400} weight="semibold">
            Approved AI tool
          </Text>
          <Text size={200}>The tool your organisation approves, with short steps for opening and using it. They are shown on every brief.</Text>
          <Field label="Tool name" {...check("approvedTool.name")}>
            <Input value={tool.name} placeholder="e.g. Microsoft 365 Copilot" style={FIT} onChange={(_e, d) => onChange({ ...content, approvedTool: { ...tool, name: d.value } })} />
          </Field>
          <TextListEditor legend="How to use it (steps)" what="how-to step" items={tool.howTo} onChange={(howTo) => onChange({ ...content, approvedTool: { ...tool, howTo } })} validationMessage={messageAt("approvedTool.howTo")} max={6} />
        </div>
      </Card>
      <SeniorityRules content={content} onChange={onChange} message={messageAt("seniorityRules")} />
    </>
  );
}

function SeniorityRules({ content, onChange, message }: { content: TrackContent; onChange: (next: TrackContent) => void; message?: string }) {
  const rules = content.seniorityRules;
  const set = (next: TrackContent["seniorityRules"]) => onChange({ ...content, seniorityRules: next });
  const defaults = DEFAULT_SENIORITY_RULES.map((r) => `${SENIORITY_LABELS[r.level]}: ${r.titleContains.join(", ")}`).join(". ");
  return (
    <Card style={{ minWidth: 0 }}>
      <div style={grid}>
        <Text as="h3" size={400} weight="semibold">
          Seniority rules
        </Text>
        <Text size={200}>
          Which variant a member gets from their job title: the first rule with a matching word wins, and anyone else is an individual contributor. With no rules, the defaults apply ({defaults}).
        </Text>
        {rules.map((rule, i) => (
          <div key={i} style={{ ...grid, gap: 4 }}>
            <Field label={`Rule ${i + 1} level`} style={FIT}>
              <Select value={rule.level} style={FIT} onChange={(_e, d) => set(rules.map((r, j) => (j === i ? { ...r, level: d.value as SeniorityLevel } : r)))}>
                {SENIORITY_LEVELS.map((level) => (
                  <option key={level} value={level}>
                    {SENIORITY_LABELS[level]}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label={`Rule ${i + 1}: job titles containing (comma-separated)`} style={FIT}>
              <Input value={rule.titleContains.join(",")} style={FIT} onChange={(_e, d) => set(rules.map((r, j) => (j === i ? { ...r, titleContains: d.value.split(",") } : r)))} />
            </Field>
            <div style={{ display: "flex", flexWrap: "wrap", gap: 4 }}>
              <Button size="small" appearance="subtle" disabled={i === 0} aria-label={`Move rule ${i + 1} up`} onClick={() => set(moved(rules, i, i - 1))}>
                Up
              </Button>
              <Button size="small" appearance="subtle" disabled={i === rules.length - 1} aria-label={`Move rule ${i + 1} down`} onClick={() => set(moved(rules, i, i + 1))}>
                Down
              </Button>
              <Button size="small" appearance="subtle" aria-label={`Remove rule ${i + 1}`} onClick={() => set(rules.filter((_r, j) => j !== i))}>
                Remove
              </Button>
            </div>
          </div>
        ))}
        {message ? (
          <Text role="alert" size={200}>
            {message}
          </Text>
        ) : null}
        <div style={{ display: "flex", flexWrap: "wrap", gap: 8 }}>
          <Button size="small" onClick={() => set([...rules, { level: "manager", titleContains: [""] }])}>
            Add a rule
          </Button>
          {!rules.length ? (
            <Button size="small" appearance="subtle" onClick={() => set(DEFAULT_SENIORITY_RULES.map((r) => ({ level: r.level, titleContains: [...r.titleContains] })))}>
              Start from the defaults
            </Button>
          ) : null}
        </div>
      </div>
    </Card>
  );
}
