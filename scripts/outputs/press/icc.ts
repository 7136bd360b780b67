/**
 * What the press PDF needs to know about an ICC profile before it converts with it or names it in an output intent:
 * its class, colour space, whether it can be converted *to* (it has PCS → device tables), and its description
 * (ICC.1:2022 §7.2 header, §7.3 tag table, §10.13 multiLocalizedUnicodeType, ICC.1:2001 textDescriptionType).
 */
export interface IccInfo {
  /** Profile/device class: 'prtr' (output), 'mntr' (display), 'scnr' (input), … */
  deviceClass: string;
  /** Data colour space: 'CMYK', 'RGB ', 'GRAY', … */
  space: string;
  /** Whether it has a B2A0/B2A1/B2A2 table: without one no colour can be converted into its space. */
  convertsTo: boolean;
  /** The 'desc' tag's text (English when there are several), or '' when it has none that reads. */
  description: string;
}

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

/** The profile's header and tags, or undefined when the bytes are not an ICC profile ('acsp' at byte 36). */
export function readIcc(bytes: Uint8Array): IccInfo | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 132 || latin1(buf.subarray(36, 40)) !== 'acsp') return undefined;
  const tags = new Map<string, [number, number]>();
  const count = buf.readUInt32BE(128);
  for (let i = 0; i < count && 132 + i * 12 + 12 <= buf.length; i++) {
    const at = 132 + i * 12;
    tags.set(latin1(buf.subarray(at, at + 4)), [buf.readUInt32BE(at + 4), buf.readUInt32BE(at + 8)]);
  }
  const desc = tags.get('desc');
  return {
    deviceClass: latin1(buf.subarray(12, 16)),
    space: latin1(buf.subarray(16, 20)),
    convertsTo: ['B2A0', 'B2A1', 'B2A2'].some((t) => tags.has(t)),
    description: desc ? description(buf.subarray(desc[0], desc[0] + desc[1])) : '',
  };
}

/** A 'desc' tag: textDescriptionType (v2: an ASCII count and string) or multiLocalizedUnicodeType (v4: UTF-16BE). */
function description(tag: Buffer): string {
  const type = latin1(tag.subarray(0, 4));
  if (type === 'desc' && tag.length >= 12) {
    const n = tag.readUInt32BE(8);
    return latin1(tag.subarray(12, 12 + n)).replace(/\0+$/, '');
  }
  if (type !== 'mluc' || tag.length < 16) return '';
  const [records, size] = [tag.readUInt32BE(8), tag.readUInt32BE(12)];
  let chosen = '';
  for (let i = 0; i < records && 16 + i * size + 12 <= tag.length; i++) {
    const at = 16 + i * size;
    const [len, off] = [tag.readUInt32BE(at + 4), tag.readUInt32BE(at + 8)];
    const text = Buffer.from(tag.subarray(off, off + len - (len % 2))) // (a copy: swap16 works in place)
      .swap16()
      .toString('utf16le');
    if (!chosen || latin1(tag.subarray(at, at + 2)) === 'en') chosen = text;
  }
  return chosen.replace(/\0+$/, '');
}
