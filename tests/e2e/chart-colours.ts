/**
 * The colour of each entity in a chart's SVG, read from its marks: Vega writes
 * each mark's fields into its aria-label ("…; economy_label: Israel"), and its
 * colour into fill or stroke.
 */
export function colours(svg: string, field: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of svg.matchAll(/<path [^>]*aria-label="([^"]*)"[^>]*>/g)) {
    const label = new RegExp(`${field}: ([^;]*)`).exec(m[1]!)?.[1];
    const colour = /\sfill="(#[0-9a-f]{3,6})"/.exec(m[0])?.[1] ?? /\sstroke="(#[0-9a-f]{3,6})"/.exec(m[0])?.[1];
    if (!label || !colour) continue;
    const name = label.replace(/&#x26;/g, '&').replace(/&#x27;/g, "'").trim();
    const seen = out.get(name);
    if (seen && seen !== colour) throw new Error(`${name} has two colours in one chart: ${seen}, ${colour}`);
    out.set(name, colour);
  }
  return out;
}

/** The first chart of a figure in an edition's HTML. */
export function chartOf(html: string, figureId: string): string {
  return new RegExp(`data-figure="${figureId}"[\\s\\S]*?(<svg[\\s\\S]*?</svg>)`).exec(html)?.[1] ?? '';
}

/** Each entity's colour by its code, from both editions' charts; labels map to codes through the meta's labels. */
export function coloursByCode(svgs: Record<'zh' | 'en', string>, field: string, labels: Record<string, { zh: string; en: string }>): Record<'zh' | 'en', Record<string, string>> {
  const byCode = (lang: 'zh' | 'en') => {
    const found = colours(svgs[lang], field);
    return Object.fromEntries(Object.entries(labels).map(([code, names]) => [code, found.get(names[lang]) ?? '(missing)']));
  };
  return { zh: byCode('zh'), en: byCode('en') };
}
