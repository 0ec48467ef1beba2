import type { ViewContext } from './common.ts';

export async function renderGoals(_context: ViewContext, _route: { projectId: string }): Promise<void> {}
