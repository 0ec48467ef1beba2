// Adding a questionnaire to a project: the built-in template (with the project's areas) or
// SurveyJS JSON with indicator definitions, previewed as residents will see it, then saved. The
// preview (SurveyJS) is loaded when first asked for.
import { h } from '../../common/dom.ts';
import { builtInTemplate } from '../../../../functions/core/template.ts';
import { getLang, tx } from '../i18n.ts';
import type { Preview } from '../preview.ts';
import { navigate } from '../router.ts';
import { call } from '../session.ts';
import { busy, type ErrorTarget, field, FormErrors, notice, radioGroup, setChildren, textarea } from '../ui.ts';
import type { FieldError, ProjectDetails } from '../types.ts';
import { appForm, choiceGroup, heading, projectTrail, sendForm, show, type ViewContext } from './common.ts';

interface Draft {
  survey: Record<string, unknown>;
  indicators: unknown[];
  background?: Record<string, unknown>;
}

/** A field for one part of the questionnaire as JSON: a monospaced textarea without spell checking. */
function jsonField(part: keyof Draft, rows: number, json: string) {
  const t = tx();
  const control = textarea({ name: part, rows, spellcheck: 'false', class: 'code' }, json);
  return field(t[`${part}Json`], control, t[`${part}JsonHint`]);
}

function parseJson(text: string, expect: 'object' | 'array', fieldName: string, problems: FieldError[]): unknown {
  const t = tx();
  try {
    const value: unknown = JSON.parse(text);
    const ok =
      expect === 'array' ? Array.isArray(value) : typeof value === 'object' && value !== null && !Array.isArray(value);
    if (!ok) problems.push({ field: fieldName, message: expect === 'array' ? t.expectedArray : t.expectedObject });
    return value;
  } catch (error) {
    problems.push({ field: fieldName, message: t.invalidJson((error as Error).message) });
    return null;
  }
}

export async function renderQuestionnaire(context: ViewContext, route: { projectId: string }): Promise<void> {
  const t = tx();
  const { project } = await call<ProjectDetails>('GET', `/api/projects/${encodeURIComponent(route.projectId)}`);
  const template = builtInTemplate(project.areas);
  let source: 'builtin' | 'custom' = 'builtin';

  const surveyField = jsonField('survey', 14, JSON.stringify(template.survey, null, 2));
  const indicatorsField = jsonField('indicators', 10, JSON.stringify(template.indicators, null, 2));
  const backgroundField = jsonField('background', 3, JSON.stringify(template.background));
  const customPart = h(
    'div',
    { class: 'custom-json', hidden: true },
    surveyField.row,
    indicatorsField.row,
    backgroundField.row,
  );
  const builtInPart = h(
    'div',
    { class: 'template-summary' },
    h('h2', {}, t.templateIndicators),
    h('ul', {}, ...template.indicators.map((indicator) => h('li', {}, indicator.label ?? indicator.id))),
  );

  const previewSection = h('section', { class: 'panel preview', 'aria-labelledby': 'preview-heading', hidden: true });
  const staleNotice = h('div', { role: 'status', class: 'stale-status' });
  let preview: Preview | null = null;
  const invalidate = () => {
    if (!preview) return;
    preview = null;
    previewSection.hidden = true;
    setChildren(previewSection);
    setChildren(staleNotice, notice('info', h('p', {}, t.previewStale)));
  };

  const sourceGroup = choiceGroup(
    t.sourceLegend,
    'source',
    'builtin',
    [
      ['builtin', t.sourceBuiltIn, t.sourceBuiltInHint],
      ['custom', t.sourceCustom, t.sourceCustomHint],
    ],
    (value) => {
      source = value === 'custom' ? 'custom' : 'builtin';
      customPart.hidden = source !== 'custom';
      builtInPart.hidden = source !== 'builtin';
      invalidate();
    },
  );
  for (const control of [surveyField.control, indicatorsField.control, backgroundField.control])
    control.addEventListener('input', invalidate);

  // API fields look like `survey.pages[0].elements[2]`, `indicators[1].items[0]`, `background.area`.
  const targets = {
    survey: [surveyField, t.surveyJson],
    indicators: [indicatorsField, t.indicatorsJson],
    background: [backgroundField, t.backgroundJson],
  } as const;
  const errors = new FormErrors((fieldName): ErrorTarget | null => {
    if (source !== 'custom') return null;
    const match = /^(survey|indicators|background)(?=$|[.[])\.?(.*)$/.exec(fieldName);
    if (!match) return null;
    const [target, label] = targets[match[1] as keyof typeof targets];
    return { error: target.error, control: target.control, label, prefix: match[2] ? `${match[2]}: ` : '' };
  });

  /** The questionnaire as it stands in the form, or null after showing what is wrong with it. */
  const draft = (): Draft | null => {
    if (source === 'builtin')
      return { survey: template.survey, indicators: template.indicators, background: template.background };
    const problems: FieldError[] = [];
    const survey = parseJson(surveyField.control.value, 'object', 'survey', problems) as Record<string, unknown>;
    const indicators = parseJson(indicatorsField.control.value, 'array', 'indicators', problems) as unknown[];
    const backgroundText = backgroundField.control.value.trim();
    const background =
      backgroundText === ''
        ? undefined
        : (parseJson(backgroundText, 'object', 'background', problems) as Record<string, unknown>);
    if (problems.length > 0) {
      errors.show(problems);
      return null;
    }
    return { survey, indicators, ...(background ? { background } : {}) };
  };

  const previewButton = h('button', { type: 'submit' }, t.previewButton);
  const form = appForm(
    { class: 'questionnaire-form' },
    errors,
    previewButton,
    [sourceGroup.fieldset, builtInPart, customPart, staleNotice],
    () => void busy(previewButton, showPreview),
  );
  const showPreview = async (): Promise<void> => {
    errors.clear();
    const current = draft();
    if (!current) return;
    // SurveyJS comes with the first preview (a chunk of its own), and its stylesheets with it.
    let loaded: typeof import('../preview.ts');
    try {
      loaded = await import('../preview.ts');
      await loaded.useSurveyStyles(context.signal);
    } catch (error) {
      errors.show([{ field: '', message: t.previewFailed((error as Error).message) }]);
      return;
    }
    if (context.signal.aborted) return;
    const { renderPreview } = loaded;
    setChildren(staleNotice);
    const surveyContainer = h('div', { class: 'preview-frame' });
    const done = h('div', { role: 'status' });
    const localeGroup = radioGroup(
      t.previewLanguage,
      'preview-locale',
      [
        { value: 'sv', label: 'Svenska' },
        { value: 'en', label: 'English' },
      ],
      getLang(),
      (value) => preview?.setLocale(value === 'en' ? 'en' : 'sv'),
    );
    localeGroup.fieldset.classList.add('inline-choices');
    const save = h('button', { type: 'button' }, t.saveQuestionnaire);
    setChildren(
      previewSection,
      h('h2', { id: 'preview-heading', tabindex: -1 }, t.previewTitle),
      h('p', {}, t.previewIntro),
      localeGroup.fieldset,
      surveyContainer,
      done,
      h('div', { class: 'actions save-row' }, save),
    );
    previewSection.hidden = false;
    try {
      preview = renderPreview(surveyContainer, current.survey, getLang(), () => {
        setChildren(done, notice('success', h('p', {}, t.previewDone)));
      });
    } catch (error) {
      preview = null;
      previewSection.hidden = true;
      errors.show([{ field: source === 'custom' ? 'survey' : '', message: t.previewFailed((error as Error).message) }]);
      return;
    }
    if (preview.warnings.length > 0)
      surveyContainer.before(notice('info', h('ul', {}, ...preview.warnings.map((w) => h('li', {}, w)))));
    save.addEventListener('click', () => {
      void sendForm(save, errors, async () => {
        await call<{ id: string }>('POST', `/api/projects/${encodeURIComponent(project.id)}/questionnaires`, current);
        navigate({ view: 'project', projectId: project.id }, { kind: 'success', text: t.questionnaireSaved });
      });
    });
    previewSection.querySelector<HTMLElement>('#preview-heading')?.focus();
  };
  show(
    context,
    projectTrail(project, { label: t.addQuestionnaireTitle }),
    heading(t.addQuestionnaireTitle),
    h('p', {}, t.addQuestionnaireIntro),
    form,
    previewSection,
  );
}
