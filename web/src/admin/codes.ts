// Invitation codes issued in this tab: the API shows codes only once (it stores them hashed), so
// the newest batch of each round is kept here, in memory only, for the CSV file and the letters.

export interface CodeBatch {
  roundId: string;
  roundName: string;
  projectName: string;
  area: string | null;
  codes: string[];
}

const batches = new Map<string, CodeBatch>();

export function rememberBatch(batch: CodeBatch): void {
  batches.set(batch.roundId, batch);
}

export function batchOf(roundId: string): CodeBatch | null {
  return batches.get(roundId) ?? null;
}

/** The address residents open (and type their code on). */
export function surveyAddress(roundId: string): string {
  return `${location.origin}/s/${encodeURIComponent(roundId)}`;
}

/**
 * The personal link of one code: it opens the survey with the code filled in. The code goes in the
 * fragment, which the browser never sends: no server or CloudFront log keeps it beside an address.
 */
export function personalLink(roundId: string, code: string): string {
  return `${surveyAddress(roundId)}#code=${encodeURIComponent(code)}`;
}

function csvCell(value: string, separator: string): string {
  return value.includes(separator) || /["\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/**
 * The batch as CSV (RFC 4180, UTF-8 with a byte-order mark so that Excel reads å, ä, ö): in Swedish
 * as Swedish Excel opens it (semicolons, Swedish headers), in English with commas.
 */
export function batchCsv(batch: CodeBatch, lang: 'sv' | 'en' = 'sv'): string {
  const separator = lang === 'sv' ? ';' : ',';
  const lines = [
    lang === 'sv' ? ['kod', 'område', 'länk'] : ['code', 'area', 'link'],
    ...batch.codes.map((code) => [code, batch.area ?? '', personalLink(batch.roundId, code)]),
  ];
  return `\ufeff${lines.map((cells) => cells.map((cell) => csvCell(cell, separator)).join(separator)).join('\r\n')}\r\n`;
}
