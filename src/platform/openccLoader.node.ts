import * as path from 'node:path';
import type { OpenccModules } from '../core/convert/converter';

/** Desktop: dist/opencc.js sits beside the extension bundle. */
export function loadOpenccBundle(): Promise<OpenccModules> {
  // A computed path keeps the bundler from inlining the dictionaries into the main bundle.
  const file = path.join(__dirname, 'opencc.js');
  return Promise.resolve(require(file) as OpenccModules);
}
