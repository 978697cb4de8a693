import { strToU8, Zip, ZipDeflate } from 'fflate';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import type { CodeDefinition } from '../corpus/codebook';
import { tagColorHex } from '../markup/tagColors';
import { ellipsize } from '../text/chars';
import { CodePointIndex } from './brat';

/**
 * REFI-QDA (the exchange standard of NVivo, MAXQDA, ATLAS.ti, QualCoder): a `.qdpx` project is a zip holding
 * `project.qde` (XML in the `urn:QDA-XML:project:1.0` namespace) and the sources under `sources/`; a `.qdc` is a
 * codebook alone (`urn:QDA-XML:codebook:1.0`).
 *
 * Reading of the standard used here: each document becomes a `TextSource` whose plain text (markup removed,
 * UTF-8) is stored as `sources/<guid>.txt` and referenced as `internal://<guid>.txt`; a `PlainTextSelection`'s
 * `startPosition` and `endPosition` count characters (Unicode code points) of that plain text from 0, the end
 * exclusive — Python's `text[start:end]` is the span's text. Each tag of a span is one `Coding` of its selection;
 * a span's note is the selection's `Description` and a `Note` (memo) linked by `NoteRef`.
 */
export const PROJECT_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

export interface QdaSegment {
  /** UTF-16 offsets in the source's plain text. */
  readonly plainStart: number;
  readonly plainEnd: number;
  readonly tags: readonly string[];
  readonly note?: string;
}

export interface QdaSource {
  readonly name: string;
  readonly plain: string;
  readonly segments: readonly QdaSegment[];
}

export interface QdaProject {
  readonly name: string;
  readonly origin: string;
  readonly user: string;
  /** ISO 8601, e.g. `2026-11-25T10:00:00Z`. */
  readonly created: string;
  /** The codebook; tags used in the sources but not defined are added as top-level codes. */
  readonly codes: readonly CodeDefinition[];
  readonly sources: readonly QdaSource[];
}

/** A stable GUID from a seed: the same project exports the same ids (diffable, re-importable). */
export function guidOf(seed: string): string {
  const parts: string[] = [];
  for (let k = 0; k < 4; k++) {
    let h = 2166136261 ^ (k * 0x9e3779b9);
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
    h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
    h ^= h >>> 12;
    parts.push((h >>> 0).toString(16).padStart(8, '0'));
  }
  const hex = parts.join('').toUpperCase();
  // Shaped as a version-4 UUID (the schema's GUID pattern accepts any hex digits; tools expect this shape).
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89AB'[parseInt(hex[16]!, 16) & 3]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Characters XML 1.0 cannot carry at all (C0 controls other than tab and line breaks, lone surrogates, U+FFFE/F). */
function xmlText(s: string): string {
  return s.replace(/[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true, suppressEmptyNode: true, suppressBooleanAttributes: false });

type XmlNode = Record<string, unknown>;

function codeNodes(codes: readonly CodeDefinition[], guids: Map<string, string>): XmlNode[] {
  const children = new Map<string, CodeDefinition[]>();
  const defined = new Set(codes.map((c) => c.name));
  for (const c of codes) {
    const parent = c.parent !== undefined && defined.has(c.parent) ? c.parent : '';
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent)!.push(c);
  }
  const node = (c: CodeDefinition): XmlNode => ({
    '@_guid': guids.get(c.name)!,
    '@_name': xmlText(c.name),
    '@_isCodable': 'true',
    '@_color': tagColorHex(c.name, codes),
    ...(c.description !== undefined ? { Description: xmlText(c.description) } : {}),
    ...(children.has(c.name) ? { Code: children.get(c.name)!.map(node) } : {}),
  });
  return (children.get('') ?? []).map(node);
}

/** A source as `project.qde` describes it: positions already in code points, no text. */
interface SourceEntry {
  readonly name: string;
  readonly selections: readonly { readonly start: number; readonly end: number; readonly tags: readonly string[]; readonly note?: string; readonly label: string }[];
}

/** What a project is besides its sources. */
export type QdaProjectInfo = Omit<QdaProject, 'sources'>;

/** Every code of the project: the codebook's, then tags used but not defined (top-level, in order of use). */
function allCodes(codes: readonly CodeDefinition[], sources: readonly SourceEntry[]): CodeDefinition[] {
  const out = [...codes];
  const known = new Set(out.map((c) => c.name));
  for (const source of sources) {
    for (const sel of source.selections) {
      for (const tag of sel.tags) {
        if (known.has(tag)) continue;
        known.add(tag);
        out.push({ name: tag });
      }
    }
  }
  return out;
}

const shortName = (text: string): string => ellipsize(text, 40);

function sourceEntry(source: QdaSource): SourceEntry {
  const cp = new CodePointIndex(source.plain);
  return {
    name: source.name,
    selections: source.segments.map((seg) => ({
      start: cp.toCodePoints(seg.plainStart),
      end: cp.toCodePoints(seg.plainEnd),
      tags: seg.tags,
      ...(seg.note !== undefined ? { note: seg.note } : {}),
      label: shortName(source.plain.slice(seg.plainStart, seg.plainEnd)),
    })),
  };
}

const sourceGuid = (index: number, name: string): string => guidOf(`source:${index}:${name}`);

function entriesXml(info: QdaProjectInfo, entries: readonly SourceEntry[]): string {
  const userGuid = guidOf(`user:${info.user}`);
  const codes = allCodes(info.codes, entries);
  const codeGuids = new Map(codes.map((c) => [c.name, guidOf(`code:${c.name}`)]));
  const stamp = { '@_creatingUser': userGuid, '@_creationDateTime': info.created };
  const notes: XmlNode[] = [];
  const sources = entries.map((source, s) => {
    const guid = sourceGuid(s, source.name);
    const selections = source.selections.map((sel, k) => {
      const selGuid = guidOf(`selection:${guid}:${k}`);
      const noteGuid = guidOf(`note:${selGuid}`);
      if (sel.note !== undefined) {
        notes.push({ '@_guid': noteGuid, '@_name': xmlText(shortName(sel.note)), ...stamp, PlainTextContent: xmlText(sel.note) });
      }
      return {
        '@_guid': selGuid,
        '@_name': xmlText(sel.label),
        '@_startPosition': sel.start,
        '@_endPosition': sel.end,
        ...stamp,
        ...(sel.note !== undefined ? { Description: xmlText(sel.note) } : {}),
        Coding: [...new Set(sel.tags)].map((tag) => ({ '@_guid': guidOf(`coding:${selGuid}:${tag}`), ...stamp, CodeRef: { '@_targetGUID': codeGuids.get(tag)! } })),
        ...(sel.note !== undefined ? { NoteRef: { '@_targetGUID': noteGuid } } : {}),
      };
    });
    return {
      '@_guid': guid,
      '@_name': xmlText(source.name),
      '@_plainTextPath': `internal://${guid}.txt`,
      ...stamp,
      PlainTextSelection: selections,
    };
  });
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    Project: {
      '@_xmlns': PROJECT_NAMESPACE,
      '@_name': xmlText(info.name),
      '@_origin': xmlText(info.origin),
      '@_creatingUserGUID': userGuid,
      '@_creationDateTime': info.created,
      Users: { User: { '@_guid': userGuid, '@_name': xmlText(info.user) } },
      CodeBook: { Codes: { Code: codeNodes(codes, codeGuids) } },
      Sources: { TextSource: sources },
      ...(notes.length > 0 ? { Notes: { Note: notes } } : {}),
    },
  };
  return builder.build(doc) as string;
}

/** The `project.qde` XML of a project. */
export function projectXml(project: QdaProject): string {
  return entriesXml(project, project.sources.map(sourceEntry));
}

/**
 * A `.qdpx` written as a stream: each source's plain text goes into the archive when it is added and is not kept
 * (only its selections are, for `project.qde`, which is written last). Chunks go to `onData` in order.
 */
export class ProjectArchiveWriter {
  private readonly zip: Zip;
  private readonly entries: SourceEntry[] = [];

  constructor(onData: (chunk: Uint8Array, final: boolean) => void) {
    this.zip = new Zip((error, chunk, final) => {
      if (error) throw error;
      onData(chunk, final);
    });
  }

  add(source: QdaSource): void {
    const file = new ZipDeflate(`sources/${sourceGuid(this.entries.length, source.name)}.txt`, { level: 6 });
    this.zip.add(file);
    file.push(strToU8(source.plain), true);
    this.entries.push(sourceEntry(source));
  }

  finish(info: QdaProjectInfo): void {
    const qde = new ZipDeflate('project.qde', { level: 6 });
    this.zip.add(qde);
    qde.push(strToU8(entriesXml(info, this.entries)), true);
    this.zip.end();
  }
}

/** The `.qdpx` file in memory: each source's plain text under `sources/`, then `project.qde`. */
export function projectArchive(project: QdaProject): Uint8Array {
  const chunks: Uint8Array[] = [];
  const writer = new ProjectArchiveWriter((chunk) => chunks.push(chunk));
  for (const source of project.sources) writer.add(source);
  writer.finish(project);
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** A `.qdc` codebook. */
export function codebookXml(codes: readonly CodeDefinition[], origin: string): string {
  const guids = new Map(codes.map((c) => [c.name, guidOf(`code:${c.name}`)]));
  return builder.build({
    '?xml': { '@_version': '1.0', '@_encoding': 'utf-8' },
    CodeBook: { '@_xmlns': CODEBOOK_NAMESPACE, '@_origin': xmlText(origin), Codes: { Code: codeNodes(codes, guids) } },
  }) as string;
}

export type CodebookImport = { ok: true; codes: CodeDefinition[]; skipped: string[] } | { ok: false; reason: 'not-xml' | 'not-a-codebook' };

/**
 * Reads a `.qdc` codebook (or the codebook of a `project.qde`): codes with their colour, description and
 * hierarchy. Codes whose names are not valid tag names are returned in `skipped` by the caller's check.
 */
export function parseCodebookXml(xml: string): CodebookImport {
  if (XMLValidator.validate(xml) !== true) return { ok: false, reason: 'not-xml' };
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, isArray: (name) => name === 'Code', processEntities: true });
  const data = parser.parse(xml) as Record<string, unknown>;
  const book = (data['CodeBook'] ?? (data['Project'] as Record<string, unknown> | undefined)?.['CodeBook']) as Record<string, unknown> | undefined;
  const root = book?.['Codes'] as Record<string, unknown> | undefined;
  if (!book || root === undefined) return { ok: false, reason: 'not-a-codebook' };
  const codes: CodeDefinition[] = [];
  const walk = (nodes: unknown, parent: string | undefined): void => {
    if (!Array.isArray(nodes)) return;
    for (const n of nodes as Record<string, unknown>[]) {
      const name = typeof n['@_name'] === 'string' ? n['@_name'].trim() : '';
      if (name === '') continue;
      const color = typeof n['@_color'] === 'string' && /^#[0-9a-fA-F]{6}$/.test(n['@_color']) ? n['@_color'].toLowerCase() : undefined;
      const d = n['Description'];
      const description = typeof d === 'string' ? d : typeof d === 'object' && d !== null && typeof (d as Record<string, unknown>)['#text'] === 'string' ? ((d as Record<string, unknown>)['#text'] as string) : undefined;
      codes.push({ name, ...(color ? { color } : {}), ...(description ? { description } : {}), ...(parent !== undefined ? { parent } : {}) });
      walk(n['Code'], name);
    }
  };
  walk(typeof root === 'object' && root !== null ? root['Code'] : undefined, undefined);
  return { ok: true, codes, skipped: [] };
}
