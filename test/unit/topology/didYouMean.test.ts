import { describe, expect, it } from 'vitest';
import { didYouMean } from '../../../src/topology/didYouMean.js';

const APPLICATION_KEYS = ['id', 'replicas', 'host', 'restartTime', 'producers', 'consumers'];

describe('didYouMean', () => {
  it.each([
    ['replica', 'replicas'], // a letter missing
    ['replicaz', 'replicas'], // a letter wrong
    ['prodcuers', 'producers'], // two letters swapped
    ['restarttime', 'restartTime'], // case does not count
    ['REPLICAS', 'replicas'],
  ])('suggests a key for %s', (typo, key) => {
    expect(didYouMean(typo, APPLICATION_KEYS)).toBe(key);
  });

  it('suggests an enum value', () => {
    expect(didYouMean('embeded', ['embedded', 'central', 'hybrid'])).toBe('embedded');
  });

  it('picks the closest candidate, not the first close one', () => {
    expect(didYouMean('asynch', ['sync', 'async'])).toBe('async');
  });

  it('keeps the first of two equally close candidates', () => {
    expect(didYouMean('ab', ['ac', 'ad'])).toBe('ac');
  });

  it('suggests nothing for a word that is not a typo', () => {
    expect(didYouMean('banana', APPLICATION_KEYS)).toBeUndefined();
    expect(didYouMean('master-slave', ['none', 'shared-store', 'jdbc', 'replicated'])).toBeUndefined();
    expect(didYouMean('anything', [])).toBeUndefined();
  });

  it('allows two edits in a short word and a third of the length in a long one', () => {
    expect(didYouMean('xyz', ['abc'])).toBeUndefined(); // three edits
    expect(didYouMean('xbz', ['abc'])).toBe('abc'); // two edits
    expect(didYouMean('objectMsgSerializationDefered', ['objectMessageSerializationDefered'])).toBe(
      'objectMessageSerializationDefered', // four edits in 29 letters
    );
  });
});
