import type { Lang } from '../../context.js';
import type { ReportConfig } from '../../model/config.js';
import type { ReportData } from '../../model/data.js';
import type { RenderedEdition } from '../../model/edition.js';
import type { Templates } from '../../model/templates.js';
import { formatDate } from '../../locale/units.js';
import { smartenText } from '../../locale/typography.js';
import { anchorOf } from '../../model/charts.js';
import type { Frame } from './compose.js';
import type { ChartJob } from './index.js';

/**
 * The charts each edition places, in order, each with the frame its download
 * carries: "Figure 2: caption" above, the source line and a credit (author
 * group, report, date, and the figure's address when the report has a
 * baseUrl) below — a downloaded chart still says what it shows and where from.
 */
export function chartJobs(
  langs: Lang[],
  rendered: Record<Lang, RenderedEdition>,
  data: ReportData,
  config: ReportConfig,
  templates: Templates,
): ChartJob[] {
  return langs.flatMap((lang) =>
    rendered[lang].state.placed
      .filter((u) => u.kind === 'figure')
      .map((u) => {
        const figure = data.figures.get(u.id)!;
        return {
          lang,
          figure,
          frame: frameOf(lang, u.id, rendered[lang].state.numbers.get(u.id) ?? 0, data, config, templates),
        };
      }),
  );
}

function frameOf(
  lang: Lang,
  id: string,
  n: number,
  data: ReportData,
  config: ReportConfig,
  templates: Templates,
): Frame {
  const s = templates.strings[lang];
  const fig = data.figures.get(id)!;
  const meta = config.editions[lang];
  const url = config.baseUrl ? `${config.baseUrl.replace(/\/$/, '')}/${lang}/#${anchorOf(id)}` : '';
  return {
    caption: `${s.figure}${s.numberSpace}${n}${s.captionSeparator}${smartenText(fig.caption[lang], lang)}`,
    notes: [
      `${s.sourceLabels[fig.sourceLabel] ?? fig.sourceLabel}${s.captionSeparator}${smartenText(fig.source[lang], lang)}`,
      [meta.authorGroup, meta.shortTitle, formatDate(config.date, lang), url].filter(Boolean).join(' · '),
    ],
  };
}
