// The markup a questionnaire may carry (its `html` elements, completedHtml and the like) reaches
// residents' browsers from whoever wrote the questionnaire: it is cut down here to text formatting,
// links and images before SurveyJS renders it raw. An allowlist on an inert <template>, which
// neither runs scripts nor loads images while it is cleaned (DOMPurify would not fit the page's
// byte budget).

/** Kept, with their content. */
const TAGS = new Set(
  'a abbr b blockquote br caption code dd div dl dt em figcaption figure h1 h2 h3 h4 h5 h6 hr i img li ol p pre s small span strong sub sup table tbody td tfoot th thead tr u ul'.split(
    ' ',
  ),
);
/** Removed with their content; any other element is replaced by its content. */
const DROPPED = new Set(
  'script style template iframe frame frameset object embed svg math noscript textarea select option title head link meta base'.split(
    ' ',
  ),
);
const ATTRIBUTES = new Set('href src alt title width height colspan rowspan lang dir'.split(' '));
const LINKS = new Set(['http:', 'https:', 'mailto:', 'tel:']);

/** A link or image address that leads to a page or a picture (no javascript:, data: or the like). */
function safeUrl(value: string, attribute: string): boolean {
  try {
    const { protocol } = new URL(value, document.baseURI);
    return attribute === 'src' ? protocol === 'https:' || protocol === 'http:' : LINKS.has(protocol);
  } catch {
    return false;
  }
}

function clean(parent: ParentNode): void {
  for (const node of Array.from(parent.childNodes)) {
    if (node.nodeType === Node.TEXT_NODE) continue;
    if (!(node instanceof Element) || DROPPED.has(node.localName)) {
      node.remove();
      continue;
    }
    clean(node);
    if (!TAGS.has(node.localName)) {
      node.replaceWith(...Array.from(node.childNodes));
      continue;
    }
    for (const { name, value } of Array.from(node.attributes)) {
      const url = name === 'href' || name === 'src';
      if (!ATTRIBUTES.has(name) || (url && !safeUrl(value, name))) node.removeAttribute(name);
    }
    if (node.localName === 'a') node.setAttribute('rel', 'noopener noreferrer');
  }
}

/** The markup with only the allowed elements and attributes left. */
export function safeHtml(html: string): string {
  const template = document.createElement('template');
  template.innerHTML = html;
  clean(template.content);
  return template.innerHTML;
}

/** A markup property's value: a string, or one per language ({default, sv, en}). */
function safeValue(value: unknown): unknown {
  if (typeof value === 'string') return safeHtml(value);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return '';
  return Object.fromEntries(
    Object.entries(value).map(([lang, text]) => [lang, typeof text === 'string' ? safeHtml(text) : '']),
  );
}

/** A copy of a SurveyJS document with every markup property (`html`, `completedHtml`, ...) made safe. */
export function withSafeHtml(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(withSafeHtml);
  if (json === null || typeof json !== 'object') return json;
  return Object.fromEntries(
    Object.entries(json).map(([key, value]) => [
      key,
      /^html$|Html$/.test(key) ? safeValue(value) : withSafeHtml(value),
    ]),
  );
}
