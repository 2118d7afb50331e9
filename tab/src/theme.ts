import type { TeamsTheme } from "./teams";

/**
 * Outside Teams (a plain browser in local mode) the tab follows `?theme=default|dark|contrast`
 * when given, else the browser's colour scheme; inside Teams, Teams' theme replaces it.
 */
export function browserTheme(): TeamsTheme {
  const asked = new URLSearchParams(window.location.search).get("theme");
  if (asked === "default" || asked === "dark" || asked === "contrast") return asked;
  if (window.matchMedia?.("(forced-colors: active)").matches) return "contrast";
  return window.matchMedia?.("(prefers-color-scheme: dark)").matches ? "dark" : "default";
}
