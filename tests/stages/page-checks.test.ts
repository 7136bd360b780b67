import { describe, expect, it } from 'vitest';
import { startTags } from '../../scripts/stages/apply-templates/page-checks.js';

/** The ids of a page as the scanner finds them, in order. */
const ids = (html: string) =>
  [...startTags(html)].flatMap((t) => (t.attrs.has('id') ? [`${t.tag}#${t.attrs.get('id')}`] : []));

describe("startTags (the page checks' scan of an edition page)", () => {
  it('finds the ids of elements, in SVG too, whatever the quoting and case', () => {
    const html = `<!doctype html><HTML><body><div ID="a" class=x><p id='b'>t</p><span id=c data-id="not-this">x</span>
      <svg viewBox="0 0 1 1"><g id="d"><rect id="e"/></g></svg><br/><img id="f" alt="a > b"></body></HTML>`;
    expect(ids(html)).toEqual(['div#a', 'p#b', 'span#c', 'g#d', 'rect#e', 'img#f']);
  });

  it('skips comments, CDATA, and what script, style, textarea and title hold', () => {
    const html = `<!-- <p id="in-comment"> --><script>document.write('<p id="in-script">')</script>
      <style>/* <p id="in-style"> */</style><textarea><p id="in-textarea"></textarea><title><b id="in-title"></title>
      <svg><![CDATA[<p id="in-cdata">]]></svg><p id="after">`;
    expect(ids(html)).toEqual(['p#after']);
  });

  it('decodes character references in values, and keeps the first of a repeated attribute', () => {
    const [time, p] = [...startTags(`<time datetime="2023&#x2d;01&#45;10">x</time><p id="one" id="two">`)];
    expect(time!.attrs.get('datetime')).toBe('2023-01-10');
    expect(p!.attrs.get('id')).toBe('one');
  });

  it('is not fooled by a ">" or a quote inside a quoted value', () => {
    const html = `<a title='say "hi" > there' id="x">a</a><a title="it's" id="y">b</a>`;
    expect(ids(html)).toEqual(['a#x', 'a#y']);
  });
});
