/**
 * Layout pieces that keep every view usable from a wide Teams tab down to a phone or side panel
 * (about 320–390 px): wide tables scroll sideways inside their card, never the page.
 */
import { tokens } from "@fluentui/react-components";
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";

/**
 * A region that scrolls sideways when its content (a table) is wider than the card. It can take
 * keyboard focus so keyboard users can scroll it too.
 */
export function ScrollArea({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: "auto", maxWidth: "100%", outlineOffset: 2, borderRadius: tokens.borderRadiusMedium }}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}

/** The width of an element, followed as it resizes; 0 until it is laid out (and in jsdom). */
export function useWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setWidth(Math.floor(el.getBoundingClientRect().width));
    measure();
    if (typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

/** A grid of cards or figures, as many columns as fit at `min` px each, one column when even that does not fit. */
export function autoGrid(min: number, gap = 16): React.CSSProperties {
  return { display: "grid", gridTemplateColumns: `repeat(auto-fit, minmax(min(${min}px, 100%), 1fr))`, gap };
}
