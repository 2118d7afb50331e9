/**
 * The live preview: the unsaved track goes to the server (debounced), which builds the card with
 * the same builders the bot sends; the card is drawn with the Adaptive Cards SDK and Teams' host config.
 */
import { Field, Select, Text } from "@fluentui/react-components";
import { useEffect, useState } from "react";
import { apiRoutes } from "../../../bot/src/contract/api-routes";
import { SENIORITY_LABELS, SENIORITY_LEVELS, type PreviewTrackRequest, type PreviewTrackResponse, type SeniorityLevel, type TrackContent } from "../../../bot/src/contract/track-authoring-contract";
import { api, ApiError } from "../api";
import { CardPreview, type CardJson } from "../components/CardPreview";
import { Loading } from "../components/States";
import { FIT } from "./TrackEditorLists";
import { cleanContent } from "./TrackEditorModel";

export const PREVIEW_DELAY_MS = 400;

const CARDS: Array<{ value: PreviewTrackRequest["card"]; label: string }> = [
  { value: "brief", label: "Brief (learn)" },
  { value: "apply", label: "Apply" },
  { value: "checkin", label: "Check-in (reflect)" },
];

/** The last card drawn stays on screen while the next is made, and when making it fails. */
type PreviewState = { response?: PreviewTrackResponse; error?: ApiError };

export function TrackPreview({ trackId, content }: { trackId: string; content: TrackContent }) {
  const [sessionNumber, setSessionNumber] = useState(1);
  const [card, setCard] = useState<PreviewTrackRequest["card"]>("brief");
  const [seniority, setSeniority] = useState<SeniorityLevel>("individual");
  const [state, setState] = useState<PreviewState>({});
  const sessions = content.sessions.length;
  const number = Math.min(sessionNumber, Math.max(sessions, 1));

  useEffect(() => {
    if (!sessions) return;
    let live = true;
    const timer = setTimeout(() => {
      const body: PreviewTrackRequest = { content: cleanContent(content), sessionNumber: number, card, seniority };
      api.post<PreviewTrackResponse>(apiRoutes.previewTrack.url({ trackId }), body).then(
        (response) => live && setState({ response }),
        (err: unknown) => live && setState((s) => ({ response: s.response, error: err instanceof ApiError ? err : new ApiError(0, "The preview could not be made.") })),
      );
    }, PREVIEW_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [trackId, content, number, card, seniority, sessions]);

  const label = `Preview of session ${number}'s ${CARDS.find((c) => c.value === card)!.label.toLowerCase()} card for ${SENIORITY_LABELS[seniority].toLowerCase()}`;
  return (
    <section aria-labelledby="track-preview-heading" style={{ display: "grid", gridTemplateColumns: "minmax(0, 1fr)", gap: 10, minWidth: 0 }}>
      <Text as="h3" id="track-preview-heading" size={400} weight="semibold">
        Preview
      </Text>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(min(140px, 100%), 1fr))", gap: 8 }}>
        <Field label="Session to preview" style={FIT}>
          <Select value={String(number)} style={FIT} onChange={(_e, d) => setSessionNumber(Number(d.value))}>
            {content.sessions.map((s, i) => (
              <option key={i} value={i + 1}>
                Session {i + 1}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Card to preview" style={FIT}>
          <Select value={card} style={FIT} onChange={(_e, d) => setCard(d.value as PreviewTrackRequest["card"])}>
            {CARDS.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </Select>
        </Field>
        <Field label="Preview as" style={FIT}>
          <Select value={seniority} style={FIT} onChange={(_e, d) => setSeniority(d.value as SeniorityLevel)}>
            {SENIORITY_LEVELS.map((level) => (
              <option key={level} value={level}>
                {SENIORITY_LABELS[level]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      {!sessions ? <Text>Add a session to see its cards.</Text> : null}
      {sessions && !state.response && !state.error ? <Loading label="Drawing the card" /> : null}
      {state.error ? (
        <Text role="status" block>
          The preview is not up to date: {state.error.message}
        </Text>
      ) : null}
      {state.response ? (
        <>
          <CardPreview card={state.response.card as CardJson} label={label} />
          <Text size={200}>
            {(state.response.sizeBytes / 1024).toFixed(1)} KB of Teams&apos;s 28 KB. Buttons do nothing in the preview.
          </Text>
        </>
      ) : null}
    </section>
  );
}
