// Who is acting, as the records name them (the moderator of an idea, who recorded an activity or
// locked a report), and what "today" is for the day-based routes.
import type { RouteContext } from '../routeTable.ts';

export interface Actor {
  /** The token's id ('ADMIN_TOKEN' for the static one). */
  id: string;
  /** Who that is, as the token's record names it. */
  name: string;
}

/** The caller of a route with a token: its id, and the name its issued record gives. */
export async function actorOf(ctx: Pick<RouteContext, 'deps' | 'claims'>): Promise<Actor> {
  const jti = ctx.claims?.jti ?? 'unknown';
  if (jti === 'ADMIN_TOKEN') return { id: jti, name: 'administrator (ADMIN_TOKEN)' };
  const record = await ctx.deps.store.tokens.get(jti);
  return { id: jti, name: record?.name ?? `token ${jti}` };
}

export async function actorName(ctx: Pick<RouteContext, 'deps' | 'claims'>): Promise<string> {
  return (await actorOf(ctx)).name;
}

/** Today's date in Sweden (YYYY-MM-DD): the day a figure "as of today" ends with. */
export function swedishToday(now: number): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date(now));
}
