// OpenCC reference outputs (generated once with Debian's `opencc`, committed), bundled as text for the web run.
import s2t000 from '../fixtures/opencc/s2t/wulong-district-plenum-2021.txt';
import s2t001 from '../fixtures/opencc/s2t/zigong-science-committee-meeting_trad.txt';
import s2t002 from '../fixtures/opencc/s2t/yunyang-county-innovation-conference-2023.txt';
import s2t003 from '../fixtures/opencc/s2t/zigong-plenum-communique-2021_trad.txt';
import s2t004 from '../fixtures/opencc/s2t/county-innovation-work-speech-2021.txt';
import t2s000 from '../fixtures/opencc/t2s/wulong-district-plenum-2021.txt';
import t2s001 from '../fixtures/opencc/t2s/zigong-science-committee-meeting_trad.txt';
import t2s002 from '../fixtures/opencc/t2s/yunyang-county-innovation-conference-2023.txt';
import t2s003 from '../fixtures/opencc/t2s/zigong-plenum-communique-2021_trad.txt';
import t2s004 from '../fixtures/opencc/t2s/county-innovation-work-speech-2021.txt';

export const CORPUS = ['wulong-district-plenum-2021.txt', 'zigong-science-committee-meeting_trad.txt', 'yunyang-county-innovation-conference-2023.txt', 'zigong-plenum-communique-2021_trad.txt', 'county-innovation-work-speech-2021.txt'];

export const OPENCC_REFERENCE: Record<'s2t' | 't2s', Record<string, string>> = {
  s2t: { [CORPUS[0]!]: s2t000, [CORPUS[1]!]: s2t001, [CORPUS[2]!]: s2t002, [CORPUS[3]!]: s2t003, [CORPUS[4]!]: s2t004 },
  t2s: { [CORPUS[0]!]: t2s000, [CORPUS[1]!]: t2s001, [CORPUS[2]!]: t2s002, [CORPUS[3]!]: t2s003, [CORPUS[4]!]: t2s004 },
};
