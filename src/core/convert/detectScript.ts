/**
 * Cheap detection of a text's dominant script, for the status bar: it samples characters and looks them up in a
 * small table of frequent characters that differ between the scripts, so it never loads the OpenCC dictionaries.
 */
export type DominantScript = 'simplified' | 'traditional' | 'mixed' | 'neutral' | 'none';

// Pairs of frequent characters: traditional form, then simplified form. None of these simplified forms is also
// a common traditional character (so 后, 几, 里, 干, 面 are deliberately absent).
const PAIRS =
  '們们會会國国發发時时說说對对為为這这個个來来經经學学開开過过進进實实現现動动體体關关與与業业長长當当種种還还' +
  '機机區区務务產产問问記记強强點点應应報报設设黨党員员義义論论導导處处據据變变質质術术際际級级參参傳传書书' +
  '認认條条習习環环總总計计議议選选從从見见頭头無无聽听電电車车東东門门間间氣气萬万邊边話话讓让給给將将軍军' +
  '歲岁誰谁帶带錢钱買买賣卖讀读寫写紅红綠绿題题號号標标準准統统協协調调權权歷历歸归廣广鄉乡縣县壓压憲宪衛卫' +
  '華华濟济費费資资貿贸藝艺劃划連连運运達达遠远響响專专視视創创驅驱領领節节盡尽錄录護护戰战鬥斗積积極极態态';

const TRADITIONAL = new Set<string>();
const SIMPLIFIED = new Set<string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) {
  TRADITIONAL.add(PAIRS[i]!);
  SIMPLIFIED.add(PAIRS[i + 1]!);
}

const HAN = /\p{Script=Han}/u;

export interface ScriptCounts {
  readonly han: number;
  readonly traditional: number;
  readonly simplified: number;
}

/** Counts over at most `sampleSize` characters spread evenly over the text (whole text when shorter). */
export function countScript(text: string, sampleSize = 20000): ScriptCounts {
  const step = Math.max(1, Math.floor(text.length / sampleSize));
  let han = 0;
  let traditional = 0;
  let simplified = 0;
  for (let i = 0; i < text.length; i += step) {
    const ch = text[i]!;
    if (TRADITIONAL.has(ch)) traditional++;
    else if (SIMPLIFIED.has(ch)) simplified++;
    else if (HAN.test(ch)) han++;
  }
  return { han: han + traditional + simplified, traditional, simplified };
}

export function detectScript(text: string, sampleSize?: number): DominantScript {
  const { han, traditional, simplified } = countScript(text, sampleSize);
  if (han === 0) return 'none';
  const marked = traditional + simplified;
  if (marked === 0) return 'neutral';
  const minority = Math.min(traditional, simplified) / marked;
  if (minority > 0.15) return 'mixed';
  return traditional > simplified ? 'traditional' : 'simplified';
}
