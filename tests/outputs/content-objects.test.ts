import { describe, expect, it } from 'vitest';
import { unmarkedObjects, wrapAsArtifacts } from '../../scripts/outputs/pdf/content-objects.js';

/** Drawing outside marked content, found in a content stream's text and wrapped as artifacts (PDF/UA-1, 01-005). */
describe('unmarked drawing in a content stream', () => {
  const stream = [
    'q 1 0 0 1 0 0 cm',
    '0 0 612 792 re f', // a page background: unmarked
    '/P <</MCID 0 >>BDC BT /F1 12 Tf (a \\) (nested) string) Tj ET EMC', // tagged text, with a tricky string
    'BT /F1 8 Tf 10 10 Td <0014> Tj ET', // a page number: unmarked
    '/Artifact BMC 0 0 m 10 10 l S EMC', // already an artifact
    'BT /NonStruct <</MCID 1>> BDC (x) Tj EMC ET', // tagged inside a text object begun outside
    '/Im1 Do Q',
  ].join('\n');

  it('finds the background, the page number and the image, and nothing tagged or already an artifact', () => {
    const found = unmarkedObjects(stream).map(([a, b]) => stream.slice(a, b));
    expect(found).toEqual(['0 0 612 792 re f', 'BT /F1 8 Tf 10 10 Td <0014> Tj ET', '/Im1 Do']);
  });

  it('wraps each as an artifact, after which none is left', () => {
    const wrapped = wrapAsArtifacts(stream, unmarkedObjects(stream));
    expect(wrapped).toContain('/Artifact BMC\n0 0 612 792 re f\nEMC');
    expect(unmarkedObjects(wrapped)).toEqual([]);
    expect(wrapped.replace(/\/Artifact BMC\n|\nEMC\n/g, '')).toBe(stream);
  });
});
