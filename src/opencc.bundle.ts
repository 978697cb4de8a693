// Entry of dist/opencc.js: opencc-js's trie, converter and dictionaries, kept out of the extension's main bundle
// and loaded on the first conversion.
export { ConverterBuilder, Trie } from 'opencc-js/core';
export { configs, from, to } from 'opencc-js/preset';
