// Reads the areas a new project is created with: one per line, "Name" (the id is made from the
// name) or "id; Name".

export interface ParsedArea {
  id: string;
  name: string;
}

/** A plain id from a name: lower case, letters without accents, dashes between words. */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ø/gi, 'o')
    .replace(/æ/gi, 'ae')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  // A name with no letters or digits at all keeps itself as its id (the API accepts any text).
  return slug || name.trim();
}

export function parseAreas(text: string): ParsedArea[] {
  const areas: ParsedArea[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '') continue;
    const separator = line.indexOf(';');
    if (separator >= 0) {
      const id = line.slice(0, separator).trim();
      const name = line.slice(separator + 1).trim();
      areas.push({ id: id || slugify(name), name: name || id });
    } else {
      areas.push({ id: slugify(line), name: line });
    }
  }
  return areas;
}

/** A number as typed in Swedish or English ("0,05", "1 200"); null when it is not one. */
export function parseNumber(text: string): number | null {
  const cleaned = text
    .trim()
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(',', '.');
  if (!/^-?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return null;
  return Number(cleaned);
}
