import type { ViewContext } from './common.ts';

export async function renderReports(_context: ViewContext, _route: { projectId: string }): Promise<void> {}
