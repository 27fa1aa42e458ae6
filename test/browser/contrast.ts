/**
 * A page script (run with `page.evaluate`) listing every visible text of `#app` whose contrast against its effective
 * background is below 4.5:1 (WCAG AA), as `tag.class "text" ratio`. Colours with alpha, element opacity and stacked
 * translucent backgrounds are blended; SVG text is measured with its fill against the chart's background.
 */
export const LOW_CONTRAST_TEXT = `
(() => {
  const parse = (c) => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return null; const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
  const over = (top, bottom) => { const a = top[3]; return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1); };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }; return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const bgOf = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) { const b = parse(getComputedStyle(e).backgroundColor); if (b && b[3] > 0) { layers.push(b); if (b[3] === 1) break; } }
    let c = [255, 255, 255, 1];
    for (let i = layers.length - 1; i >= 0; i--) c = over(layers[i], c);
    return c;
  };
  const out = [];
  for (const el of document.querySelectorAll("#app *")) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 || el.closest(".sr-only,[hidden]")) continue;
    const cs = getComputedStyle(el);
    if (cs.visibility === "hidden") continue;
    const svg = el instanceof SVGElement;
    let fg = parse(svg ? cs.fill : cs.color);
    if (!fg) continue;
    let op = 1; for (let e = el; e; e = e.parentElement) op *= Number(getComputedStyle(e).opacity);
    const bg = bgOf(svg ? el.closest("svg") : el);
    fg = over([fg[0], fg[1], fg[2], fg[3] * op], bg);
    const L1 = lum(fg), L2 = lum(bg);
    const ratio = (Math.max(L1, L2) + 0.05) / (Math.min(L1, L2) + 0.05);
    if (ratio < 4.5) out.push(\`\${el.tagName.toLowerCase()}.\${el.getAttribute("class") || ""} "\${el.textContent.trim().slice(0, 20)}" \${ratio.toFixed(2)}\`);
  }
  return [...new Set(out)];
})()
`;
