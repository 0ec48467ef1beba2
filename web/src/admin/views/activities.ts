import type { ViewContext } from './common.ts';

export async function renderActivities(_context: ViewContext, _route: { projectId: string }): Promise<void> {}
