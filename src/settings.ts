import * as vscode from 'vscode';
import { isScriptVariant, type ScriptVariant } from './core/convert/targets';
import { isValidTagName } from './core/markup/attributes';
import { Settings } from './constants';

export interface TagDefinition {
  readonly name: string;
  readonly color?: string;
  readonly description?: string;
}

/**
 * Typed access to the settings. Defaults live in package.json only; values of the wrong shape are dropped here
 * (with the reason logged) so no feature ever sees them.
 */
export class ExtensionSettings {
  constructor(private readonly log: (message: string) => void) {}

  private get config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(Settings.section);
  }

  private stringList(key: string): string[] {
    const value = this.config.get<unknown>(key);
    if (!Array.isArray(value)) return [];
    const strings = value.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    if (strings.length !== value.length) this.log(`Setting ${Settings.section}.${key}: ignored ${value.length - strings.length} entries that are not non-empty strings.`);
    return strings;
  }

  get tags(): TagDefinition[] {
    const value = this.config.get<unknown>(Settings.tags);
    if (!Array.isArray(value)) return [];
    const tags: TagDefinition[] = [];
    for (const entry of value) {
      const e = entry as Partial<TagDefinition> | null;
      if (!e || typeof e.name !== 'string' || !isValidTagName(e.name)) {
        this.log(`Setting ${Settings.section}.tags: ignored ${JSON.stringify(entry)} (needs a "name" without spaces or . { } [ ] " = \\).`);
        continue;
      }
      tags.push({
        name: e.name,
        ...(typeof e.color === 'string' ? { color: e.color } : {}),
        ...(typeof e.description === 'string' ? { description: e.description } : {}),
      });
    }
    return tags;
  }

  get extraTriggers(): string[] {
    return this.stringList(Settings.extraTriggers);
  }

  get extraExclusions(): string[] {
    return this.stringList(Settings.extraExclusions);
  }

  get followCursor(): boolean {
    return this.config.get<boolean>(Settings.followCursor) !== false;
  }

  get defaultTarget(): ScriptVariant {
    const value = this.config.get<unknown>(Settings.defaultTarget);
    return isScriptVariant(value) ? value : 'cn';
  }

  get hideMarkup(): boolean {
    return this.config.get<boolean>(Settings.hideMarkup) === true;
  }

  get highlight(): boolean {
    return this.config.get<boolean>(Settings.highlight) !== false;
  }

  get protectedTerms(): string[] {
    return this.stringList(Settings.protectedTerms);
  }
}
