// OpenCC reference outputs (generated once with Debian's `opencc`, committed), bundled as text for the web run.
import s2t000 from '../fixtures/opencc/s2t/000_0f3e60a61ac8d05b.txt';
import s2t001 from '../fixtures/opencc/s2t/001_c8f02e39b1d16823.txt';
import s2t002 from '../fixtures/opencc/s2t/002_d621621d87a04fd3.txt';
import s2t003 from '../fixtures/opencc/s2t/003_2a1246a44c216097.txt';
import s2t004 from '../fixtures/opencc/s2t/004_dac9ef639e758698.txt';
import t2s000 from '../fixtures/opencc/t2s/000_0f3e60a61ac8d05b.txt';
import t2s001 from '../fixtures/opencc/t2s/001_c8f02e39b1d16823.txt';
import t2s002 from '../fixtures/opencc/t2s/002_d621621d87a04fd3.txt';
import t2s003 from '../fixtures/opencc/t2s/003_2a1246a44c216097.txt';
import t2s004 from '../fixtures/opencc/t2s/004_dac9ef639e758698.txt';

export const CORPUS = ['000_0f3e60a61ac8d05b.txt', '001_c8f02e39b1d16823.txt', '002_d621621d87a04fd3.txt', '003_2a1246a44c216097.txt', '004_dac9ef639e758698.txt'];

export const OPENCC_REFERENCE: Record<'s2t' | 't2s', Record<string, string>> = {
  s2t: { [CORPUS[0]!]: s2t000, [CORPUS[1]!]: s2t001, [CORPUS[2]!]: s2t002, [CORPUS[3]!]: s2t003, [CORPUS[4]!]: s2t004 },
  t2s: { [CORPUS[0]!]: t2s000, [CORPUS[1]!]: t2s001, [CORPUS[2]!]: t2s002, [CORPUS[3]!]: t2s003, [CORPUS[4]!]: t2s004 },
};
