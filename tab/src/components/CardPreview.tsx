/**
 * Renders an Adaptive Card the way Teams does: the official `adaptivecards` SDK with a host config
 * modelled on Teams' own (light and dark follow the tab's theme). The preview is for reading: its
 * buttons do nothing, and its text is not markdown-interpreted, as member text never is.
 */
import { Text, tokens } from "@fluentui/react-components";
import { useEffect, useRef, useState } from "react";

type AdaptiveCardsModule = typeof import("adaptivecards");

let sdk: Promise<AdaptiveCardsModule> | undefined;
/**
 * The SDK's bundled build (UMD), loaded on first use: it works both in the vite bundle and in the
 * component tests' CommonJS runtime, where the package's ES-module build cannot be required.
 */
function loadSdk(): Promise<AdaptiveCardsModule> {
  sdk ??= import("adaptivecards/dist/adaptivecards.min.js" as string).then((mod: { default?: AdaptiveCardsModule } & AdaptiveCardsModule) => {
    const AC = mod.default ?? mod;
    // Text is shown as written, never markdown-interpreted: member text in a card is plain text.
    AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
      const span = document.createElement("span");
      span.textContent = text;
      result.outputHtml = span.innerHTML;
      result.didProcess = true;
    };
    return AC;
  });
  return sdk;
}

const FONT = "'Segoe UI', 'Segoe UI Web (West European)', -apple-system, BlinkMacSystemFont, Roboto, 'Helvetica Neue', sans-serif";

/** Teams' card colours, light and dark (from the host configs Teams publishes for the Designer). */
export function teamsHostConfig(dark: boolean): Record<string, unknown> {
  const fg = dark
    ? { default: "#FFFFFF", subtle: "#C7C7C7", accent: "#A6A7DC", good: "#92C353", warning: "#F8D22A", attention: "#F1707B", dark: "#D6D6D6", light: "#FFFFFF" }
    : { default: "#242424", subtle: "#616161", accent: "#5B5FC7", good: "#0E700E", warning: "#835C00", attention: "#C4314B", dark: "#242424", light: "#FFFFFF" };
  const colours = Object.fromEntries(Object.entries(fg).map(([k, v]) => [k, { default: v, subtle: v }]));
  return {
    fontFamily: FONT,
    supportsInteractivity: true,
    spacing: { small: 4, default: 8, medium: 12, large: 16, extraLarge: 20, padding: 16 },
    separator: { lineThickness: 1, lineColor: dark ? "#3D3D3D" : "#E0E0E0" },
    fontSizes: { small: 12, default: 14, medium: 14, large: 18, extraLarge: 24 },
    fontWeights: { lighter: 300, default: 400, bolder: 600 },
    imageSizes: { small: 32, medium: 52, large: 100 },
    containerStyles: {
      default: { backgroundColor: dark ? "#292929" : "#FFFFFF", foregroundColors: colours },
      emphasis: { backgroundColor: dark ? "#1F1F1F" : "#F5F5F5", foregroundColors: colours },
      accent: { backgroundColor: dark ? "#3D3E66" : "#E8EBFA", foregroundColors: colours },
      good: { backgroundColor: dark ? "#0E3A0E" : "#E7F2DA", foregroundColors: colours },
      attention: { backgroundColor: dark ? "#3E1F25" : "#FCF4F6", foregroundColors: colours },
      warning: { backgroundColor: dark ? "#463100" : "#FBF6D9", foregroundColors: colours },
    },
    actions: { maxActions: 6, spacing: "default", buttonSpacing: 8, showCard: { actionMode: "inline", inlineTopMargin: 16 }, actionsOrientation: "horizontal", actionAlignment: "left", iconPlacement: "leftOfTitle", iconSize: 16 },
    adaptiveCard: { allowCustomStyle: true },
    inputs: { label: { requiredInputs: { weight: "bolder", suffix: " *", suffixColor: "attention" }, optionalInputs: { weight: "bolder" } }, errorMessage: { size: "small", color: "attention" } },
    factSet: { title: { color: "default", size: "default", isSubtle: false, weight: "bolder", wrap: true, maxWidth: 150 }, value: { color: "default", size: "default", isSubtle: false, weight: "default", wrap: true }, spacing: 8 },
    textBlock: { headingLevel: 2 },
  };
}

/** Is the Fluent theme around `el` dark? Read from its background colour, so it follows Teams' theme as it changes. */
function isDarkAround(el: HTMLElement | null): boolean {
  if (!el || typeof getComputedStyle === "undefined") return false;
  const value = getComputedStyle(el).getPropertyValue("--colorNeutralBackground1").trim();
  const hex = /^#([0-9a-f]{6})$/i.exec(value)?.[1];
  const rgb = hex ? [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)) : /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(value)?.slice(1, 4).map(Number);
  if (!rgb || rgb.length < 3) return false;
  const [r, g, b] = rgb as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128;
}

/** Button and input looks the SDK leaves to the host's stylesheet, from the Fluent theme's tokens. */
const STYLE = `
.cc-card-preview .ac-pushButton { font: 600 14px ${FONT}; padding: 5px 12px; border-radius: 4px; border: 1px solid ${tokens.colorNeutralStroke1}; background: ${tokens.colorNeutralBackground1}; color: ${tokens.colorNeutralForeground1}; cursor: default; min-width: 0; overflow: hidden; text-overflow: ellipsis; }
.cc-card-preview .ac-input { font: 14px ${FONT}; background: ${tokens.colorNeutralBackground1}; color: ${tokens.colorNeutralForeground1}; border: 1px solid ${tokens.colorNeutralStroke1}; border-radius: 4px; padding: 4px 6px; box-sizing: border-box; max-width: 100%; }
.cc-card-preview .ac-adaptiveCard { border-radius: 8px; }
.cc-card-preview * { max-width: 100%; overflow-wrap: anywhere; }
`;

export type CardJson = Record<string, unknown>;

export function CardPreview({ card, label }: { card: CardJson; label: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<string>();
  const dark = isDarkAround(host.current);

  useEffect(() => {
    let live = true;
    const target = host.current;
    void loadSdk()
      .then((AC) => {
        if (!live || !target) return;
        const adaptive = new AC.AdaptiveCard();
        adaptive.hostConfig = new AC.HostConfig(teamsHostConfig(isDarkAround(target)));
        // A preview: nothing a button does reaches anyone.
        adaptive.onExecuteAction = () => undefined;
        adaptive.parse(card);
        const rendered = adaptive.render();
        target.replaceChildren(...(rendered ? [rendered] : []));
        setProblem(rendered ? undefined : "This card could not be drawn.");
      })
      .catch(() => live && setProblem("The card preview could not be loaded."));
    return () => {
      live = false;
    };
  }, [card, dark]);

  return (
    <>
    <style>{STYLE}</style>
    <figure aria-label={label} style={{ margin: 0, minWidth: 0, maxWidth: 480 }}>
      <div ref={host} className="cc-card-preview" data-theme={dark ? "dark" : "light"} style={{ minWidth: 0, borderRadius: 8, border: `1px solid ${tokens.colorNeutralStroke2}`, overflow: "hidden" }} />
      {problem ? <Text role="alert">{problem}</Text> : null}
    </figure>
    </>
  );
}
