// The project list: every project (demo projects marked), with its areas and rounds, and the way
// to a new project.
import { h } from '../../common/dom.ts';
import { tx } from '../i18n.ts';
import { link } from '../router.ts';
import { call } from '../session.ts';
import type { ProjectDetails, ProjectListEntry } from '../types.ts';
import { demoBadge, flashNotice, heading, show, type ViewContext } from './common.ts';

/** The details of each project (the list has names only), a few at a time; null where it failed. */
async function detailsOf(projects: ProjectListEntry[]): Promise<(ProjectDetails | null)[]> {
  const out: (ProjectDetails | null)[] = new Array(projects.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < projects.length) {
      const i = next++;
      out[i] = await call<ProjectDetails>('GET', `/api/projects/${encodeURIComponent(projects[i]!.id)}`).catch(
        () => null,
      );
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, projects.length) }, worker));
  return out;
}

export async function renderProjects(context: ViewContext): Promise<void> {
  const t = tx();
  const { projects } = await call<{ projects: ProjectListEntry[] }>('GET', '/api/projects');
  const details = await detailsOf(projects);
  const newButton = link({ view: 'new-project' }, t.newProject);
  newButton.className = 'button';
  let list: HTMLElement;
  if (projects.length === 0) {
    list = h('p', { class: 'empty' }, t.noProjects);
  } else {
    list = h(
      'ul',
      { class: 'project-list' },
      ...projects.map((project, i) => {
        const detail = details[i];
        const open = detail?.rounds.filter((r) => r.status === 'open').length ?? 0;
        return h(
          'li',
          { class: 'project-item' },
          h(
            'div',
            { class: 'project-line' },
            link({ view: 'project', projectId: project.id }, project.name),
            detail?.project.demo ? demoBadge() : null,
          ),
          detail
            ? h(
                'p',
                { class: 'hint' },
                `${t.projectAreas}: ${detail.project.areas.length} · ${t.roundsTitle}: ${detail.rounds.length}` +
                  (open > 0 ? ` (${open} ${t.statusOpen.toLowerCase()})` : '') +
                  ` · ${t.questionnairesTitle}: ${detail.questionnaires.length}`,
              )
            : null,
        );
      }),
    );
  }
  show(
    context,
    heading(t.projectsTitle),
    flashNotice(),
    h('p', {}, t.projectsIntro),
    h('p', { class: 'actions' }, newButton),
    list,
  );
}
