// A new project: name, areas (one per line), minimum group size, alpha and, optionally, the
// population of each area for weighting. The API checks everything; its field errors are shown
// at the fields they are about.
import { clear, h } from '../../common/dom.ts';
import { parseAreas, parseNumber, type ParsedArea } from '../areas.ts';
import { getLang, tx } from '../i18n.ts';
import { navigate } from '../router.ts';
import { call } from '../session.ts';
import { errorText, field, FormErrors, input, textarea, uid, type ErrorTarget } from '../ui.ts';
import type { FieldError } from '../types.ts';
import { appForm, breadcrumbs, heading, sendForm, show, type ViewContext } from './common.ts';

interface PopulationInput {
  area: ParsedArea;
  control: HTMLInputElement;
  error: HTMLParagraphElement;
}

export async function renderNewProject(context: ViewContext): Promise<void> {
  const t = tx();
  const decimal = getLang() === 'sv' ? ',' : '.';
  const name = field(t.projectName, input({ name: 'name', autocomplete: 'off', class: 'wide' }), t.projectNameHint);
  const areas = field(t.areas, textarea({ name: 'areas', rows: 6, spellcheck: 'false' }), t.areasHint);
  const k = field(
    t.minGroupSize,
    input({ name: 'minGroupSize', inputmode: 'numeric', value: '5', class: 'short' }),
    t.minGroupSizeHint,
  );
  const alpha = field(
    t.alpha,
    input({ name: 'alpha', inputmode: 'decimal', value: `0${decimal}05`, class: 'short' }),
    t.alphaHint,
  );

  // The areas as they will be created, each with its population input; typed figures are kept
  // by area id while the list is edited.
  const typed = new Map<string, string>();
  let populationInputs: PopulationInput[] = [];
  const populationError = errorText(uid('population-error'));
  const populationTable = h('div', { class: 'population-table' });
  const populationHintId = uid('population-hint');
  const redrawAreas = () => {
    for (const row of populationInputs) typed.set(row.area.id, row.control.value);
    const parsed = parseAreas(areas.control.value);
    clear(populationTable);
    populationInputs = parsed.map((area) => {
      const control = h('input', {
        type: 'text',
        inputmode: 'numeric',
        class: 'short',
        'aria-label': t.populationFor(area.name),
        value: typed.get(area.id) ?? '',
      });
      control.id = uid('pop');
      const error = errorText(`${control.id}-error`);
      control.setAttribute('aria-describedby', `${populationHintId} ${error.id}`);
      return { area, control, error };
    });
    if (populationInputs.length === 0) {
      populationTable.append(h('p', { class: 'hint' }, t.areasNone));
      return;
    }
    populationTable.append(
      h(
        'table',
        { class: 'areas-table' },
        h('caption', { class: 'visually-hidden' }, t.areasPreview),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, `${t.areaColumnName} (${t.areaColumnId.toLowerCase()})`),
            h('th', { scope: 'col' }, t.areaColumnPopulation),
          ),
        ),
        h(
          'tbody',
          {},
          ...populationInputs.map((row) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, row.area.name, h('span', { class: 'area-id' }, h('code', {}, row.area.id))),
              h('td', {}, row.error, row.control),
            ),
          ),
        ),
      ),
    );
  };
  areas.control.addEventListener('input', redrawAreas);
  redrawAreas();

  const population = h(
    'fieldset',
    { class: 'group' },
    h('legend', {}, t.populationLegend),
    h('p', { class: 'hint', id: populationHintId }, t.populationHint),
    populationError,
    populationTable,
  );
  const settings = h('fieldset', { class: 'group' }, h('legend', {}, t.settingsLegend), k.row, alpha.row);

  // The population rows sent, by their index in the request: which area each one is.
  let sentRows: PopulationInput[] = [];
  const errors = new FormErrors((fieldName): ErrorTarget | null => {
    if (fieldName === 'name') return { error: name.error, control: name.control, label: t.projectName };
    const area = /^areas\.(\d+)/.exec(fieldName);
    if (area) {
      const parsed = parseAreas(areas.control.value)[Number(area[1])];
      return { error: areas.error, control: areas.control, label: t.areas, prefix: parsed ? `${parsed.name}: ` : '' };
    }
    if (fieldName === 'areas') return { error: areas.error, control: areas.control, label: t.areas };
    if (fieldName === 'minGroupSize') return { error: k.error, control: k.control, label: t.minGroupSize };
    if (fieldName === 'alpha') return { error: alpha.error, control: alpha.control, label: t.alpha };
    const row = /^weighting\.population\.(\d+)\./.exec(fieldName);
    const target = row ? sentRows[Number(row[1])] : undefined;
    if (target) return { error: target.error, control: target.control, label: t.populationFor(target.area.name) };
    if (fieldName.startsWith('weighting'))
      return { error: populationError, control: populationInputs[0]?.control ?? null, label: t.populationLegend };
    return null;
  });

  const submit = h('button', { type: 'submit' }, t.createProject);
  const form = appForm({ class: 'project-form' }, errors, submit, [name.row, areas.row, population, settings], () => {
    const problems: FieldError[] = [];
    const minGroupSize = parseNumber(k.control.value);
    if (minGroupSize === null) problems.push({ field: 'minGroupSize', message: t.notANumber });
    const alphaValue = parseNumber(alpha.control.value);
    if (alphaValue === null) problems.push({ field: 'alpha', message: t.notANumber });
    const filled = populationInputs.filter((row) => row.control.value.trim() !== '');
    sentRows = filled;
    const rows = filled.map((row, i) => {
      const count = parseNumber(row.control.value);
      if (count === null) problems.push({ field: `weighting.population.${i}.population`, message: t.notANumber });
      return { area: row.area.id, population: count ?? 0 };
    });
    if (problems.length > 0) {
      errors.show(problems);
      return;
    }
    const body = {
      name: name.control.value,
      areas: populationInputs.map((row) => row.area),
      minGroupSize,
      alpha: alphaValue,
      ...(rows.length > 0 ? { weighting: { strata: ['area'], population: rows } } : {}),
    };
    void sendForm(submit, errors, async () => {
      const { id } = await call<{ id: string }>('POST', '/api/projects', body);
      navigate(
        { view: 'project', projectId: id },
        { kind: 'success', text: t.projectCreated(name.control.value.trim()) },
      );
    });
  });

  show(
    context,
    breadcrumbs([{ label: t.projectsTitle, route: { view: 'projects' } }, { label: t.newProjectTitle }]),
    heading(t.newProjectTitle),
    h('p', {}, t.newProjectIntro),
    form,
  );
}
