// The preview of a questionnaire as residents will see it: SurveyJS (survey-core's Model drawn
// by survey-js-ui) inside the admin page, in Swedish or English. Nothing is sent anywhere.
import { Model, surveyLocalization } from 'survey-core';
import { renderSurvey } from 'survey-js-ui';
import 'survey-core/i18n/swedish';
import type { Lang } from '../common/lang.ts';

// bygdpuls documents write Swedish as the "default" text ({default, sv, en}). SurveyJS reads
// "default" for its default locale (English unless told), so "en" would show the Swedish texts.
surveyLocalization.defaultLocale = 'sv';

/**
 * Loads the survey page's own stylesheet (its SurveyJS theme) while a view shows a preview, so
 * that the preview looks as the survey page does; removed when the view goes away.
 */
export function useSurveyStyles(signal: AbortSignal): void {
  if (document.getElementById('survey-page-styles')) return;
  const link = document.createElement('link');
  link.id = 'survey-page-styles';
  link.rel = 'stylesheet';
  link.href = '/assets/survey.css';
  // Before admin.css, so that the admin page's own rules win where both style the same thing.
  const admin = document.querySelector('link[href="/assets/admin.css"]');
  if (admin) admin.before(link);
  else document.head.append(link);
  signal.addEventListener('abort', () => link.remove());
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
