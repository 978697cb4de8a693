import * as assert from 'node:assert/strict';
import { isOpenccLoaded } from '../../src/core/convert/converter';
import { inferDirectives } from '../../src/core/directives/infer';
import { parseMarkup } from '../../src/core/markup/parse';
import { sample } from './helpers';

// esbuild.mjs bundles this file first, so it observes the state before any other suite converts anything.
describe('startup cost', () => {
  it('parsing and directive inference do not load the opencc dictionaries', () => {
    parseMarkup(sample('wulong-district-plenum-2021.txt'));
    inferDirectives(parseMarkup(sample('zigong-plenum-communique-2021_trad.txt')));
    assert.equal(isOpenccLoaded(), false);
  });
});
