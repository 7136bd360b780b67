/**
 * The colour of each entity in a chart's SVG, read from its marks: each mark's
 * aria-label says its row (render-charts/mark-text.ts: "Israel · 2021: 5.75725%",
 * "以色列 · 2021：5.75725%", the categories joined by " · " before the value),
 * and Vega writes its colour into fill or stroke. `names` are the entities to
 * look for, in the edition's language.
 */
export function colours(svg: string, names: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of svg.matchAll(/<path [^>]*aria-label="([^"]*)"[^>]*>/g)) {
    const text = m[1]!.replace(/&#x26;|&amp;/g, '&').replace(/&#x27;|&#39;/g, "'");
    const categories = text
      .replace(/(：|: )[^：]*$/, '')
      .split(' · ')
      .map((c) => c.trim());
    const name = names.find((n) => categories.includes(n));
    const colour = /\sfill="(#[0-9a-f]{3,6})"/.exec(m[0])?.[1] ?? /\sstroke="(#[0-9a-f]{3,6})"/.exec(m[0])?.[1];
    if (!name || !colour) continue;
    const seen = out.get(name);
    if (seen && seen !== colour) throw new Error(`${name} has two colours in one chart: ${seen}, ${colour}`);
    out.set(name, colour);
  }
  return out;
}

/** The first chart of a figure in an edition's HTML (on the web: its print layout, the wide one). */
export function chartOf(html: string, figureId: string): string {
  return new RegExp(`data-figure="${figureId}"[\\s\\S]*?(<svg[\\s\\S]*?</svg>)`).exec(html)?.[1] ?? '';
}

/** Each entity's colour by its code, from both editions' charts; labels map to codes through the meta's labels. */
export function coloursByCode(
  svgs: Record<'zh' | 'en', string>,
  labels: Record<string, { zh: string; en: string }>,
): Record<'zh' | 'en', Record<string, string>> {
  const byCode = (lang: 'zh' | 'en') => {
    const found = colours(
      svgs[lang],
      Object.values(labels).map((names) => names[lang]),
    );
    return Object.fromEntries(
      Object.entries(labels).map(([code, names]) => [code, found.get(names[lang]) ?? '(missing)']),
    );
  };
  return { zh: byCode('zh'), en: byCode('en') };
}
