// Which release of each round the page shows (../shared/docs/METHOD.md, "Releases, not live figures"): its time
// and n, and "preliminary" while the round is still open; or that a round has no figures yet.
import { h } from '../common/dom.ts';
import type { Lang } from '../common/lang.ts';
import type { DashboardData, RoundInfo, RoundReading } from './data.ts';
import { formatCount, formatDateTime } from './format.ts';
import type { Texts } from './i18n.ts';

export interface Released {
  which: 'baseline' | 'followup';
  round: RoundInfo;
  reading: RoundReading;
}

export function releaseNoticeOf(rounds: Released[], t: Texts, lang: Lang): HTMLElement {
  const line = ({ which, round, reading }: Released) => {
    const name = `${which === 'baseline' ? t.baseline : t.followup} (${round.name})`;
    const release = reading.release;
    if (!release) return h('li', { 'data-release': which, 'data-state': 'none' }, t.releaseNone(name));
    return h(
      'li',
      { 'data-release': which, 'data-state': reading.preliminary ? 'preliminary' : 'final' },
      t.releaseOf(name, formatDateTime(release.at, lang), formatCount(release.n, lang)),
      ' ',
      reading.preliminary
        ? h('strong', { class: 'preliminary', 'data-field': 'preliminary' }, t.releasePreliminary)
        : h('span', { class: 'final' }, release.final ? t.releaseFinal : t.releaseClosed),
    );
  };
  return h(
    'div',
    { class: 'notice release', role: 'note', 'data-field': 'release' },
    h('p', {}, t.releaseIntro),
    h('ul', {}, rounds.map(line)),
  );
}

export function releaseNotice(data: DashboardData, t: Texts, lang: Lang): HTMLElement {
  return releaseNoticeOf(
    (['baseline', 'followup'] as const).map((which) => ({ which, round: data[which], reading: data.readings[which] })),
    t,
    lang,
  );
}
