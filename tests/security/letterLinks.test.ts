// The invitation letters' links carry the code in the fragment (#code=), which a browser never
// sends: CloudFront's and the server's logs keep the viewer's address beside the path and query,
// and an invitation code there would tie a resident's address to their answers. The QR code of
// each letter holds the same link (tests/browser/admin.test.ts checks the printed letters).
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const ORIGIN = 'https://bygdpuls.example';
// The admin page's module, loaded as the page loads it (it reads location.origin).
let codes: {
  personalLink(roundId: string, code: string): string;
  batchCsv(batch: {
    roundId: string;
    roundName: string;
    projectName: string;
    area: string | null;
    codes: string[];
  }): string;
};

beforeAll(async () => {
  Object.defineProperty(globalThis, 'location', { value: { origin: ORIGIN }, configurable: true });
  codes = await import(path.join(root, 'web/src/admin/codes.ts'));
});

describe('an invitation letter', () => {
  it('links to the survey with the code in the fragment, never in the query', () => {
    const link = codes.personalLink('round-1', 'ABCDE-FGH23');
    expect(link).toBe(`${ORIGIN}/s/round-1#code=ABCDE-FGH23`);
    expect(new URL(link).search).toBe('');
  });

  it('lists the same links in the codes file', () => {
    const csv = codes.batchCsv({
      roundId: 'round-1',
      roundName: 'Uppföljning',
      projectName: 'Projekt',
      area: 'bottna',
      codes: ['ABCDE-FGH23', 'JKLMN-PQR45'],
    });
    const links = csv
      .trim()
      .split(/\r\n/)
      .slice(1)
      .map((line) => line.split(';')[2]!);
    expect(links).toEqual([`${ORIGIN}/s/round-1#code=ABCDE-FGH23`, `${ORIGIN}/s/round-1#code=JKLMN-PQR45`]);
    for (const link of links) expect(new URL(link).search).toBe('');
  });
});
