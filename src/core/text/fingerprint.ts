/**
 * A 52-bit fingerprint of a text (two 32-bit FNV-1a hashes with different seeds, combined): what a view keeps of a
 * line it sent, to tell later whether the line changed, without keeping the line itself. Two different texts share a
 * fingerprint with a chance of about 2⁻⁵².
 */
export function fingerprint(text: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0) * 0x100000 + ((b >>> 0) & 0xfffff);
}
