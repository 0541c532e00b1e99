import { isRegistryError } from '@afs/registry-core';
import { describe, expect, it } from 'vitest';
import { catchError, familyRecords } from '../test/support.js';
import { LineageGraph } from './graph.js';

const family = LineageGraph.fromRecords(familyRecords());

describe('LineageGraph cycle checks', () => {
  it('finds the existing path a new edge would loop back on, across models', () => {
    expect(family.cycleIfLinked('majora:v1', 'nayru:v2')).toEqual([
      'majora:v1',
      'majora:v2',
      'majora:v4',
      'nayru:v1',
      'nayru:v2',
    ]);
  });

  it('follows additional-parent edges', () => {
    expect(family.cycleIfLinked('majora:v3', 'majora:v4')).toEqual(['majora:v3', 'majora:v4']);
  });

  it('counts a self edge as a cycle and allows safe edges', () => {
    expect(family.cycleIfLinked('din:v1', 'din:v1')).toEqual(['din:v1']);
    expect(family.cycleIfLinked('din:v1', 'majora:v4')).toBeUndefined();
    expect(family.cycleIfLinked('majora:v4', 'majora:v1')).toBeUndefined();
    expect(() => family.assertCanLink('din:v2', 'nayru:v2')).not.toThrow();
  });

  it('throws LINEAGE_CYCLE naming the cycle', () => {
    const error = catchError(() => family.assertCanLink('majora:v2', 'nayru:v1'));
    expect(isRegistryError(error, 'LINEAGE_CYCLE')).toBe(true);
    expect((error as Error).message).toBe(
      'Making nayru:v1 a parent of majora:v2 would close the cycle majora:v2 → majora:v4 → nayru:v1 → majora:v2: majora:v2 would become its own ancestor. Choose a parent that does not descend from majora:v2.',
    );
    expect((error as { details: unknown }).details).toEqual({
      modelName: 'majora',
      version: 'v2',
      parent: 'nayru:v1',
      cycle: ['majora:v2', 'majora:v4', 'nayru:v1', 'majora:v2'],
    });
  });
});
