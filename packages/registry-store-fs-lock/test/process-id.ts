import { processId } from '../src/lock/identity.js';

export function processIdForTests(): string {
  return processId();
}
