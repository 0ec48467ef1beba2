import type { ViewContext } from './common.ts';

export async function renderReport(_context: ViewContext, _route: { projectId: string }): Promise<void> {}
