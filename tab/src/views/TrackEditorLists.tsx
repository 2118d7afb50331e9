/**
 * The track editor's list controls: a list of text entries to add, remove and reorder ("try this"
 * steps, reflect questions, examples, how-to steps), and a list of links (title + https address).
 * Every control is labelled with its position, so a screen reader says "Try this step 2".
 */
import { Button, Field, Input, Text, Textarea, tokens } from "@fluentui/react-components";
import type { TrackLink } from "../../../bot/src/contract/track-authoring-contract";
import { isHttpsUrl, moved } from "./TrackEditorModel";

export const FIT = { minWidth: 0, maxWidth: "100%" } as const;

const groupStyle: React.CSSProperties = { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 6, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: "8px 10px", margin: 0, minWidth: 0 };
const rowStyle: React.CSSProperties = { display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 4, minWidth: 0 };
const buttonsStyle: React.CSSProperties = { display: "flex", flexWrap: "wrap", gap: 4 };

function RowButtons({ index, count, what, onMove, onRemove }: { index: number; count: number; what: string; onMove: (to: number) => void; onRemove: () => void }) {
  return (
    <div style={buttonsStyle}>
      <Button size="small" appearance="subtle" disabled={index === 0} aria-label={`Move ${what} ${index + 1} up`} onClick={() => onMove(index - 1)}>
        Up
      </Button>
      <Button size="small" appearance="subtle" disabled={index === count - 1} aria-label={`Move ${what} ${index + 1} down`} onClick={() => onMove(index + 1)}>
        Down
      </Button>
      <Button size="small" appearance="subtle" aria-label={`Remove ${what} ${index + 1}`} onClick={onRemove}>
        Remove
      </Button>
    </div>
  );
}

export function TextListEditor({ legend, what, items, onChange, multiline, validationMessage, hint, max = 12 }: { legend: string; what: string; items: string[]; onChange: (items: string[]) => void; multiline?: boolean; validationMessage?: string; hint?: string; max?: number }) {
  const set = (i: number, value: string) => onChange(items.map((item, j) => (j === i ? value : item)));
  return (
    <fieldset style={groupStyle}>
      <legend style={{ padding: "0 4px" }}>
        <Text weight="semibold">{legend}</Text>
      </legend>
      {hint ? <Text size={200}>{hint}</Text> : null}
      {items.map((item, i) => (
        <div key={i} style={rowStyle}>
          {multiline ? (
            <Textarea aria-label={`${capital(what)} ${i + 1}`} value={item} resize="vertical" style={FIT} onChange={(_e, d) => set(i, d.value)} />
          ) : (
            <Input aria-label={`${capital(what)} ${i + 1}`} value={item} style={FIT} onChange={(_e, d) => set(i, d.value)} />
          )}
          <RowButtons index={i} count={items.length} what={what} onMove={(to) => onChange(moved(items, i, to))} onRemove={() => onChange(items.filter((_x, j) => j !== i))} />
        </div>
      ))}
      {validationMessage ? (
        <Text role="alert" size={200} style={{ color: tokens.colorPaletteRedForeground1 }}>
          {validationMessage}
        </Text>
      ) : null}
      <div>
        <Button size="small" disabled={items.length >= max} onClick={() => onChange([...items, ""])}>
          Add {what}
        </Button>
      </div>
    </fieldset>
  );
}

export function LinksEditor({ legend, links, onChange, messageAt }: { legend: string; links: TrackLink[]; onChange: (links: TrackLink[]) => void; messageAt: (path: string) => string | undefined }) {
  const set = (i: number, patch: Partial<TrackLink>) => onChange(links.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  const rowMessage = (i: number) => messageAt(`${i}.url`) ?? messageAt(`${i}.title`);
  const general = links.some((_l, i) => rowMessage(i)) ? undefined : messageAt("");
  return (
    <fieldset style={groupStyle}>
      <legend style={{ padding: "0 4px" }}>
        <Text weight="semibold">{legend}</Text>
      </legend>
      <Text size={200}>Your organisation&apos;s own templates and documents, such as a SharePoint or OneDrive file. Members see them on the brief.</Text>
      {links.map((link, i) => {
        const typedBadUrl = link.url.trim() !== "" && !isHttpsUrl(link.url) ? "The address must start with https://." : undefined;
        const urlMessage = messageAt(`${i}.url`) ?? typedBadUrl;
        const titleMessage = messageAt(`${i}.title`);
        return (
          <div key={i} style={{ ...rowStyle, borderTop: i ? `1px solid ${tokens.colorNeutralStroke3}` : undefined, paddingTop: i ? 6 : 0 }}>
            <Field label={`Link ${i + 1} title`} style={FIT} validationMessage={titleMessage} validationState={titleMessage ? "error" : "none"}>
              <Input value={link.title} style={FIT} onChange={(_e, d) => set(i, { title: d.value })} />
            </Field>
            <Field label={`Link ${i + 1} address (https)`} style={FIT} validationMessage={urlMessage} validationState={urlMessage ? "error" : "none"}>
              <Input type="url" inputMode="url" placeholder="https://contoso.sharepoint.com/…" value={link.url} style={FIT} onChange={(_e, d) => set(i, { url: d.value })} />
            </Field>
            <RowButtons index={i} count={links.length} what="link" onMove={(to) => onChange(moved(links, i, to))} onRemove={() => onChange(links.filter((_x, j) => j !== i))} />
          </div>
        );
      })}
      {general ? (
        <Text role="alert" size={200} style={{ color: tokens.colorPaletteRedForeground1 }}>
          {general}
        </Text>
      ) : null}
      <div>
        <Button size="small" disabled={links.length >= 10} onClick={() => onChange([...links, { title: "", url: "" }])}>
          Add a link
        </Button>
      </div>
    </fieldset>
  );
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
