import { isValidTagName } from '../markup/attributes';

/** One code of the project's codebook (`.policy-annotator/codebook.json`). */
export interface CodeDefinition {
  readonly name: string;
  readonly color?: string;
  readonly description?: string;
  /** The name of the parent code: codes form a tree. */
  readonly parent?: string;
}

export type CodebookProblemCode = 'not-json' | 'not-an-object' | 'codes-not-a-list' | 'invalid-entry' | 'invalid-name' | 'duplicate-name' | 'invalid-color' | 'unknown-parent' | 'parent-cycle';

export interface CodebookProblem {
  readonly code: CodebookProblemCode;
  /** The code's name (or the entry's index) the problem is about. */
  readonly detail?: string;
}

export interface CodebookFile {
  readonly codes: readonly CodeDefinition[];
  readonly problems: readonly CodebookProblem[];
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

function withoutParent(code: CodeDefinition): CodeDefinition {
  return { name: code.name, ...(code.color !== undefined ? { color: code.color } : {}), ...(code.description !== undefined ? { description: code.description } : {}) };
}

/**
 * Reads a codebook file. Entries that cannot be used are left out and reported, the rest is kept: one typo does
 * not empty the palette. A parent that does not exist, or a cycle, makes the code a top-level code.
 */
export function parseCodebookFile(text: string): CodebookFile {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\ufeff/, ''));
  } catch {
    return { codes: [], problems: [{ code: 'not-json' }] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { codes: [], problems: [{ code: 'not-an-object' }] };
  const list = (data as { codes?: unknown }).codes;
  if (list === undefined) return { codes: [], problems: [] };
  if (!Array.isArray(list)) return { codes: [], problems: [{ code: 'codes-not-a-list' }] };
  const problems: CodebookProblem[] = [];
  const byName = new Map<string, CodeDefinition>();
  list.forEach((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null || typeof (entry as { name?: unknown }).name !== 'string') {
      problems.push({ code: 'invalid-entry', detail: String(i + 1) });
      return;
    }
    const e = entry as Record<string, unknown>;
    const name = (e['name'] as string).trim();
    if (!isValidTagName(name)) return problems.push({ code: 'invalid-name', detail: name });
    if (byName.has(name)) return problems.push({ code: 'duplicate-name', detail: name });
    let color: string | undefined;
    if (typeof e['color'] === 'string') {
      if (COLOR.test(e['color'])) color = e['color'].toLowerCase();
      else problems.push({ code: 'invalid-color', detail: name });
    }
    const description = typeof e['description'] === 'string' && e['description'] !== '' ? e['description'] : undefined;
    const parent = typeof e['parent'] === 'string' && e['parent'].trim() !== '' ? e['parent'].trim() : undefined;
    byName.set(name, { name, ...(color ? { color } : {}), ...(description !== undefined ? { description } : {}), ...(parent !== undefined ? { parent } : {}) });
    return undefined;
  });
  const codes: CodeDefinition[] = [];
  for (const code of byName.values()) {
    if (code.parent === undefined) {
      codes.push(code);
      continue;
    }
    let problem: CodebookProblemCode | undefined;
    if (!byName.has(code.parent)) problem = 'unknown-parent';
    else {
      const seen = new Set([code.name]);
      for (let p: string | undefined = code.parent; p !== undefined; p = byName.get(p)?.parent) {
        if (seen.has(p)) {
          problem = 'parent-cycle';
          break;
        }
        seen.add(p);
      }
    }
    if (problem) {
      problems.push({ code: problem, detail: code.name });
      codes.push(withoutParent(code));
    } else codes.push(code);
  }
  return { codes, problems };
}

/** The file's text: stable key order, two-space indent, a final newline (diffs stay small under version control). */
export function serializeCodebook(codes: readonly CodeDefinition[]): string {
  const entries = codes.map((c) => ({
    name: c.name,
    ...(c.color !== undefined ? { color: c.color } : {}),
    ...(c.description !== undefined ? { description: c.description } : {}),
    ...(c.parent !== undefined ? { parent: c.parent } : {}),
  }));
  return JSON.stringify({ codes: entries }, null, 2) + '\n';
}

/**
 * The codebook after renaming `from` to `to`; when `to` exists already the two merge: `to` keeps its definition
 * (taking `from`'s colour and description where it has none) and `from`'s children move under it.
 */
export function renameCode(codes: readonly CodeDefinition[], from: string, to: string): CodeDefinition[] {
  const source = codes.find((c) => c.name === from);
  const target = codes.find((c) => c.name === to);
  const out: CodeDefinition[] = [];
  for (const c of codes) {
    if (c.name === from && target) continue;
    let next: CodeDefinition = c;
    if (c.name === from) next = { ...c, name: to };
    if (c.name === to && source) {
      next = { ...(source.color !== undefined ? { color: source.color } : {}), ...(source.description !== undefined ? { description: source.description } : {}), ...c };
    }
    if (next.parent === from) next = { ...next, parent: to };
    if (next.parent === next.name) next = withoutParent(next);
    out.push(next);
  }
  return out;
}

/** Children of each code (top-level codes under `''`), in codebook order; tags used but not defined are top-level. */
export function codeTree(codes: readonly CodeDefinition[], usedTags: Iterable<string>): Map<string, string[]> {
  const children = new Map<string, string[]>([['', []]]);
  const defined = new Set(codes.map((c) => c.name));
  for (const c of codes) {
    const parent = c.parent !== undefined && defined.has(c.parent) ? c.parent : '';
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(c.name);
  }
  for (const tag of usedTags) if (!defined.has(tag)) children.get('')!.push(tag);
  return children;
}
