// A small element builder: the page is built with DOM calls, never from HTML strings, so no
// file name or API text can become markup, and no inline style can trip the CSP.

/** Attributes and text of an element made by {@link h}. */
export interface ElementSpec {
  /** Space-separated classes. */
  class?: string;
  /** Text content (set as text, never parsed). */
  text?: string;
  /** Other attributes, e.g. `{ 'aria-live': 'polite' }`; never `style` (the CSP forbids it: use `element.style`). */
  attrs?: Record<string, string>;
}

/**
 * Creates an element with classes, attributes, text and children.
 *
 * @example
 * h('p', { class: 'note', text: 'Hello' });
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  spec: ElementSpec = {},
  children: ReadonlyArray<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (spec.class) element.className = spec.class;
  for (const [name, value] of Object.entries(spec.attrs ?? {})) element.setAttribute(name, value);
  if (spec.text !== undefined) element.textContent = spec.text;
  element.append(...children);
  return element;
}

/** The element with `id`, of the type `kind` (e.g. `HTMLInputElement`); throws when the page lacks it, a bug in index.html. */
export function byId<T extends HTMLElement>(id: string, kind: new () => T): T {
  const element = document.getElementById(id);
  if (!(element instanceof kind)) throw new Error(`index.html has no <${kind.name}> #${id}`);
  return element;
}
