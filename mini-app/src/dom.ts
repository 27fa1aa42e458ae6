/**
 * The page's only way to build DOM: elements with attributes and children, where every string child becomes
 * a text node. There is no innerHTML anywhere, so server text (notes, clauses) can never become markup.
 */

/** A child: a node, text (always inserted as a text node), or nothing. */
export type Child = Node | string | number | null | undefined | false;

/** Attributes: strings/numbers via setAttribute, `true` as an empty attribute, false/null/undefined skipped. */
export type Attrs = Record<string, string | number | boolean | null | undefined>;

/** Creates `<tag attrs>children</tag>`; strings become text nodes (never parsed as HTML). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs | null = null,
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (attrs) {
    for (const [name, value] of Object.entries(attrs)) {
      if (value === false || value === null || value === undefined) continue;
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(el, children);
  return el;
}

/** Appends children (flattened) to a parent; strings as text nodes. */
export function append(parent: Node, children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === "string" || typeof child === "number" ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces all children of a node. */
export function replaceChildren(parent: Element, ...children: (Child | Child[])[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

let idCounter = 0;
/** A page-unique id for label/aria wiring. */
export function uid(prefix: string): string {
  idCounter += 1;
  return `${prefix}-${idCounter}`;
}
