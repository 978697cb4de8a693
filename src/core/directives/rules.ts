/**
 * The linguistic data behind directive inference, in one place. Every list carries both scripts, because
 * inference runs on the text as written (traditional or simplified) and never loads the conversion dictionaries.
 */
export interface DirectiveRules {
  /** Who speaks for a meeting: 全会提出, 會議指出. */
  readonly assemblySubjects: readonly string[];
  readonly assemblyVerbs: readonly string[];
  /** Verbs after a pronoun, a short name or a short collective subject: 他强调, 覃昌德强调, 党中央号召. */
  readonly speakerVerbs: readonly string[];
  /** Longest subject (in characters) that a speaker trigger accepts. */
  readonly maxSpeakerLength: number;
  /** Adverbs allowed between subject and verb: 全会还强调, 他进一步指出. */
  readonly triggerAdverbs: readonly string[];
  /** Single words that look like a short subject but are not one (并指出 is not spoken by "并"). */
  readonly notSpeakers: readonly string[];
  /** Whole phrases users add as section triggers (常委会指出). */
  readonly extraTriggers: readonly string[];
  /** Words in which 要 is not the modal "must": 重要, 要求, 纲要 … */
  readonly exclusions: readonly string[];
  /**
   * Words in which 要 is the modal although they contain an exclusion: 务必要 holds 必要. (Exclusions that match
   * across word borders too often — 政要 in 财政要, 险要 in 风险要, 次要 in 这次要 — are left out of the list.)
   */
  readonly modalWords: readonly string[];
  /** Words that may stand between the subject and 要: 一定要, 必须要, 也要, 一要. */
  readonly modalPrefixes: readonly string[];
  /**
   * Longest clause-initial subject before 要: 全市各级各有关部门要 is 9 characters, and communiqués have subjects
   * such as 中央和国家机关各部门、各省级党委和政府在安排部署工作时要 (27).
   */
  readonly maxSubjectLength: number;
  /**
   * Modal words other than 要, by force: must (必须), must not (不得, 严禁), encourage (鼓励, 支持, 提倡), may (可以).
   * Clauses with them are directives of their own only when `modalFamiliesEnabled` (the setting
   * `policyAnnotator.directives.modalFamilies`); by default the rule is the 要 rule.
   */
  readonly modalFamilies: Readonly<Record<DirectiveForce, readonly string[]>>;
  readonly modalFamiliesEnabled: boolean;
}

/** What a directive asks: must do, must not do, is encouraged to do, may do. */
export type DirectiveForce = 'must' | 'mustNot' | 'encourage' | 'may';

const pair = (simplified: string, traditional: string): string[] =>
  simplified === traditional ? [simplified] : [simplified, traditional];

export const DEFAULT_RULES: DirectiveRules = {
  assemblySubjects: [...pair('全体会议', '全體會議'), ...pair('全会', '全會'), ...pair('会议', '會議')],
  assemblyVerbs: [
    '提出', ...pair('强调', '強調'), '指出', ...pair('号召', '號召'), '要求', ...pair('明确', '明確'),
    ...pair('认为', '認為'), ...pair('认为', '認爲'), ...pair('决定', '決定'),
  ],
  speakerVerbs: ['提出', ...pair('强调', '強調'), '指出', ...pair('号召', '號召'), '要求', '表示'],
  maxSpeakerLength: 4,
  triggerAdverbs: [
    ...pair('还', '還'), '也', '又', '并', '並', '再次', '进一步', '進一步', '同时', '同時', '特别', '特別', '最后', '最後',
    '着重', '著重', '深刻', '明确', '明確', '充分', '郑重', '鄭重',
  ],
  notSpeakers: [
    '并', '並', '也', '还', '還', '又', '再', '均', '都', '则', '則', '即', '亦', '而', '且', '新', '并且', '並且', '同时', '同時',
    '进一步', '進一步', '会上', '會上', '其中', '对此', '對此', '此外', '最后', '最後', '首先', '其次', '另外',
  ],
  extraTriggers: [],
  exclusions: [
    '重要', '主要', '需要', '要求', '要素', ...pair('纲要', '綱要'), '必要', '首要', '只要', ...pair('要点', '要點'), '摘要',
    ...pair('纪要', '紀要'), ...pair('要闻', '要聞'), '要害', '要是', ...pair('要么', '要麼'), ...pair('将要', '將要'),
    '想要', '要想', '索要', ...pair('要领', '要領'), ...pair('要义', '要義'), ...pair('紧要', '緊要'), '要件',
    ...pair('要职', '要職'), ...pair('要员', '要員'), '要塞', '要津', '要旨', ...pair('显要', '顯要'), ...pair('机要', '機要'),
    '扼要', '提要', ...pair('简要', '簡要'), '概要', ...pair('要诀', '要訣'),
    '要不然', '要不是', '快要', ...pair('要挟', '要挾'), ...pair('要价', '要價'), '要事',
    // 可能要: "will probably", a forecast, not an instruction.
    '可能要',
  ],
  modalWords: [...pair('务必要', '務必要')],
  modalPrefixes: [
    '一定', '必须', '必須', '务必', '務必', '更', '也', ...pair('还', '還'), '就', '都', '则', '則', '首先', '尤其', '特别', '特別',
    '切实', '切實', '始终', '始終', '坚决', '堅決', '同时', '同時', '不', '真正', '关键', '關鍵', '重点', '重點', '仍', '仍然',
    '继续', '繼續', '进一步', '進一步', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '既', '又', '首先',
  ],
  maxSubjectLength: 30,
  modalFamilies: {
    must: ['必须', '必須', '务必', '務必'],
    mustNot: ['不得', ...pair('严禁', '嚴禁'), '禁止', '不准', '不许', '不許'],
    encourage: [...pair('鼓励', '鼓勵'), '支持', '提倡'],
    may: ['可以'],
  },
  modalFamiliesEnabled: false,
};

/** The default rules extended by users' settings. Invalid entries (empty, or without 要 for exclusions) are ignored. */
export function extendRules(
  base: DirectiveRules,
  extra: { triggers?: readonly string[]; exclusions?: readonly string[]; modalFamilies?: boolean },
): DirectiveRules {
  const clean = (list: readonly string[] | undefined): string[] =>
    (list ?? []).filter((x): x is string => typeof x === 'string').map((x) => x.trim()).filter((x) => x.length > 0);
  return {
    ...base,
    extraTriggers: [...base.extraTriggers, ...clean(extra.triggers)],
    exclusions: [...base.exclusions, ...clean(extra.exclusions).filter((x) => x.includes('要'))],
    modalFamiliesEnabled: extra.modalFamilies ?? base.modalFamiliesEnabled,
  };
}
