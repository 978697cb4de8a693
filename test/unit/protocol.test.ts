import * as assert from 'node:assert/strict';
import { MAX_WANTED_LINES, parseWebviewMessage } from '../../src/protocol';

describe('webview messages are validated before use', () => {
  it('accepts well-formed messages', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'tag', version: 3, start: 1, end: 4, tag: '目标', extra: 'dropped' }), { type: 'tag', version: 3, start: 1, end: 4, tag: '目标' });
    assert.deepEqual(parseWebviewMessage({ type: 'setScript', script: 'cn' }), { type: 'setScript', script: 'cn' });
    assert.deepEqual(parseWebviewMessage({ type: 'command', command: 'removePinyin' }), { type: 'command', command: 'removePinyin' });
    assert.deepEqual(parseWebviewMessage({ type: 'want', version: 2, from: 100, to: 1300 }), { type: 'want', version: 2, from: 100, to: 1300 });
  });

  it('rejects unknown types, wrong field types, negative or reversed offsets and unknown commands', () => {
    for (const raw of [
      null, 42, 'tag', {}, { type: 'evil' },
      { type: 'tag', version: 1, start: -1, end: 2, tag: 'a' },
      { type: 'tag', version: 1, start: 3, end: 2, tag: 'a' },
      { type: 'tag', version: 1, start: 1.5, end: 2, tag: 'a' },
      { type: 'tag', version: 1, start: 1, end: 2, tag: 7 },
      { type: 'tag', version: 1, start: 1, end: 2, tag: 'x'.repeat(201) },
      { type: 'removeTag', version: 1, offset: '3' },
      { type: 'setScript', script: 'klingon' },
      { type: 'command', command: 'workbench.action.closeAllEditors' },
      { type: 'rendered', version: 1, lines: 1, firstPaintMs: Number.NaN },
      { type: 'want', version: 1, from: 5, to: 4 },
      { type: 'want', version: 1, from: 0, to: MAX_WANTED_LINES + 1 },
      { type: 'want', version: 1, from: 0 },
    ]) {
      assert.equal(parseWebviewMessage(raw), undefined, JSON.stringify(raw));
    }
  });
});
