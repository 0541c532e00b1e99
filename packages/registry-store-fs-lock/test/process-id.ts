import { processId } from '@afs/registry-store-json';

export function processIdForTests(): string {
  return processId();
}
