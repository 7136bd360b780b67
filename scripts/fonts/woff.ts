import { deflateSync } from 'node:zlib';

/**
 * An OpenType/TrueType font (sfnt) → WOFF 1.0, each table deflated with
 * Node's own zlib (kept as is when that does not make it smaller). The
 * JavaScript encoders take hundreds of milliseconds per CJK face; this takes
 * a few. Spec: https://www.w3.org/TR/WOFF/
 */
export function sfntToWoff(sfnt: Uint8Array): Uint8Array {
  const src = Buffer.from(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  const flavor = src.readUInt32BE(0);
  const numTables = src.readUInt16BE(4);
  const tables = Array.from({ length: numTables }, (_, i) => {
    const rec = 12 + i * 16;
    const offset = src.readUInt32BE(rec + 8);
    const length = src.readUInt32BE(rec + 12);
    const data = src.subarray(offset, offset + length);
    const packed = deflateSync(data, { level: 9 });
    return {
      tag: src.readUInt32BE(rec),
      checksum: src.readUInt32BE(rec + 4),
      data,
      stored: packed.length < length ? packed : data,
    };
  }).sort((a, b) => a.tag - b.tag);
  const pad4 = (n: number) => (n + 3) & ~3;
  const headerSize = 44 + 20 * numTables;
  let total = headerSize;
  for (const t of tables) total += pad4(t.stored.length);
  const totalSfntSize = 12 + 16 * numTables + tables.reduce((n, t) => n + pad4(t.data.length), 0);
  const out = Buffer.alloc(total);
  out.writeUInt32BE(0x774f4646, 0); // 'wOFF'
  out.writeUInt32BE(flavor, 4);
  out.writeUInt32BE(total, 8);
  out.writeUInt16BE(numTables, 12);
  out.writeUInt32BE(totalSfntSize, 16);
  out.writeUInt16BE(1, 20); // font version 1.0
  let offset = headerSize;
  tables.forEach((t, i) => {
    const dir = 44 + i * 20;
    out.writeUInt32BE(t.tag, dir);
    out.writeUInt32BE(offset, dir + 4);
    out.writeUInt32BE(t.stored.length, dir + 8);
    out.writeUInt32BE(t.data.length, dir + 12);
    out.writeUInt32BE(t.checksum, dir + 16);
    t.stored.copy(out, offset);
    offset += pad4(t.stored.length);
  });
  return out;
}
