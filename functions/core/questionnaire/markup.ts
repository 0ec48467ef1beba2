// Markup in a questionnaire (`html` elements, `completedHtml` and every other `*Html` text) is
// shown to residents as HTML. The survey page sanitizes it whatever it holds; an upload that holds
// active content (scripts, event handlers, javascript: links, frames, forms) is refused here, so
// that an administrator learns at once that it would not run, and nothing stored depends on the
// page's sanitizer alone.
import { isPlainObject, type Problems } from './problems.ts';

const ACTIVE =
  /<\s*(script|iframe|frame|object|embed|form|base|meta|link|style)\b|\son[a-z]+\s*=|(javascript|vbscript)\s*:|data\s*:\s*text\/html/i;

function isMarkupKey(key: string): boolean {
  return key === 'html' || /Html$/.test(key);
}

/** What active content a markup text holds, named for the message; null when none. */
function activeContent(text: string): string | null {
  const match = ACTIVE.exec(text);
  return match ? match[0].trim() : null;
}

function checkText(text: unknown, field: string, problems: Problems): void {
  if (typeof text === 'string') {
    const found = activeContent(text);
    if (found !== null)
      problems.add(
        field,
        `this markup holds active content (${JSON.stringify(found)}): scripts, event handlers, ` +
          'javascript: links, frames and forms are not allowed in a questionnaire',
      );
  } else if (isPlainObject(text)) {
    // Localized: {default, sv, en}.
    for (const [locale, value] of Object.entries(text)) checkText(value, `${field}.${locale}`, problems);
  }
}

/** Adds a problem for every markup text of the document that holds active content. */
export function checkMarkup(json: unknown, field: string, problems: Problems, depth = 0): void {
  if (depth > 64 || problems.full) return;
  if (Array.isArray(json)) {
    json.forEach((item, i) => {
      checkMarkup(item, `${field}[${i}]`, problems, depth + 1);
    });
    return;
  }
  if (!isPlainObject(json)) return;
  for (const [key, value] of Object.entries(json)) {
    const path = field === '' ? key : `${field}.${key}`;
    if (isMarkupKey(key)) checkText(value, path, problems);
    else checkMarkup(value, path, problems, depth + 1);
  }
}
