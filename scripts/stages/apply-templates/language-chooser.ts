import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import type { ReportConfig } from '../../model/config.js';
import type { Templates } from '../../model/templates.js';
import { htmlLang } from '../../locale/languages.js';

/** dist/index.html: choose a language. Built as a tree, so every value is escaped. */
export function languageChooser(config: ReportConfig, templates: Templates): string {
  const first = config.languages[0]!;
  const tree = h('html', { lang: htmlLang[first] }, [
    h('head', [
      h('meta', { charset: 'utf-8' }),
      h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
      h('title', config.languages.map((l) => config.editions[l].title).join(' | ')),
      h('link', { rel: 'stylesheet', href: `${first}/assets/fonts.css` }),
      h(
        'style',
        'body{font-family:"Noto Sans SC",sans-serif;max-width:40rem;margin:4rem auto;padding:0 1.25rem;' +
          'color:#1d1d1f;line-height:1.6}' +
          'a{display:block;margin:1.5rem 0;padding:1rem 1.25rem;border:1px solid #d9d4cc;border-radius:4px;' +
          'color:#8c1730;text-decoration:none}' +
          'a:focus-visible{outline:3px solid #1f5a8a}' +
          'strong{display:block;font-size:1.2rem}' +
          '.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}',
      ),
    ]),
    h('body', [
      h('main', [
        // The page's level-one heading (WCAG 2.2 via axe `page-has-heading-one`): the report's title in each
        // language, for assistive technology; the links below show the same titles.
        h(
          'h1',
          { className: ['visually-hidden'] },
          config.languages.flatMap((l, i) => [
            ...(i ? [' / '] : []),
            h('span', { lang: htmlLang[l] }, config.editions[l].title),
          ]),
        ),
        ...config.languages.map((l) =>
          h('a', { href: `${l}/index.html`, lang: htmlLang[l], hreflang: htmlLang[l] }, [
            h('strong', config.editions[l].title),
            templates.strings[l].languageName,
          ]),
        ),
      ]),
    ]),
  ]);
  return `<!doctype html>\n${toHtml(tree)}`;
}
