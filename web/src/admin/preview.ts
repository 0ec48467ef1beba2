// The preview of a questionnaire as residents will see it: SurveyJS (survey-core's Model drawn
// by survey-js-ui) inside the admin page, in Swedish or English. Nothing is sent anywhere.
// Imported on demand only (views/questionnaire.ts): esbuild puts it and SurveyJS in a chunk of
// their own, so the other views never download SurveyJS.
import { Model, surveyLocalization } from 'survey-core';
import { renderSurvey } from 'survey-js-ui';
import 'survey-core/i18n/swedish';
import type { Lang } from '../common/lang.ts';

// bygdpuls documents write Swedish as the "default" text ({default, sv, en}). SurveyJS reads
// "default" for its default locale (English unless told), so "en" would show the Swedish texts.
surveyLocalization.defaultLocale = 'sv';

/**
 * Loads the SurveyJS stylesheet and the survey page's own (its SurveyJS theme) while a view shows
 * a preview, so that the preview looks as the survey page does; removed when the view goes away.
 * The admin page does not load them up front: only a preview needs them. Resolves when both have
 * loaded (or failed: an unstyled preview still works), so that the preview does not flash unstyled.
 */
export function useSurveyStyles(signal: AbortSignal): Promise<void> {
  if (document.getElementById('survey-page-styles')) return Promise.resolve();
  // In the survey page's order: SurveyJS, then app.css, then the page's own; admin.css last wins.
  const core = stylesheet('survey-core-styles', '/assets/survey-core.css');
  const page = stylesheet('survey-page-styles', '/assets/survey.css');
  const app = document.querySelector('link[href="/assets/app.css"]');
  const admin = document.querySelector('link[href="/assets/admin.css"]');
  if (app) app.before(core);
  else document.head.append(core);
  if (admin) admin.before(page);
  else document.head.append(page);
  signal.addEventListener('abort', () => {
    core.remove();
    page.remove();
  });
  return Promise.all([loaded(core), loaded(page)]).then(() => undefined);
}

function stylesheet(id: string, href: string): HTMLLinkElement {
  const link = document.createElement('link');
  link.id = id;
  link.rel = 'stylesheet';
  link.href = href;
  return link;
}

function loaded(link: HTMLLinkElement): Promise<void> {
  return new Promise((resolve) => {
    link.addEventListener('load', () => resolve(), { once: true });
    link.addEventListener('error', () => resolve(), { once: true });
  });
}

export interface Preview {
  setLocale(locale: Lang): void;
  /** Warnings SurveyJS had about the document (unknown properties and the like). */
  warnings: string[];
  questionCount: number;
}

/** Draws the survey into the container (replacing what was there). Throws on a document SurveyJS cannot read. */
export function renderPreview(
  container: HTMLElement,
  json: Record<string, unknown>,
  locale: Lang,
  onComplete: () => void,
): Preview {
  const model = new Model(json);
  model.locale = locale;
  model.onComplete.add(() => onComplete());
  const warnings = (model.jsonErrors ?? []).map((error: { message?: string }) => String(error.message ?? error));
  const target = document.createElement('div');
  target.className = 'preview-survey';
  container.textContent = '';
  container.append(target);
  renderSurvey(model, target);
  return {
    setLocale(next) {
      model.locale = next;
    },
    warnings,
    questionCount: model.getAllQuestions().length,
  };
}
