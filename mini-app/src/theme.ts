/**
 * Light/dark and platform flags on <html>, the way dingtalk-theme does it: DingTalk PC's current theme if
 * exposed, else a UA containing `colorScheme/dark`, else `prefers-color-scheme`. CSS reads
 * `:root[data-dingtalk-theme="dark"]`.
 */

interface DingTalkPcGlobal {
  dingtalk?: { platform?: { getCurrentTheme?: () => { name?: string } | undefined } };
}

function containerTheme(): "light" | "dark" | null {
  try {
    const name = (window as unknown as DingTalkPcGlobal).dingtalk?.platform?.getCurrentTheme?.()?.name;
    if (name === "dark" || name === "light") return name;
  } catch {
    // the PC bridge may throw before it is ready; fall through to the UA and media query
  }
  if (/colorScheme\/dark/i.test(navigator.userAgent)) return "dark";
  if (/colorScheme\/light/i.test(navigator.userAgent)) return "light";
  return null;
}

/** Sets `data-dingtalk-theme` and `data-dingtalk-platform` on <html> and follows system changes. */
export function applyTheme(platform: string): void {
  const root = document.documentElement;
  const media = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  const decide = (): void => {
    const theme = containerTheme() ?? (media?.matches ? "dark" : "light");
    root.setAttribute("data-dingtalk-theme", theme);
  };
  root.setAttribute("data-dingtalk-platform", platform === "pc" ? "pc" : "mob");
  decide();
  media?.addEventListener?.("change", decide);
}
