import { rmdirSync, unlinkSync } from 'node:fs';

interface Leftover {
  /** Files to unlink, then the folder to remove if it is empty. */
  files: string[];
  folder: string;
}

const leftovers = new Set<Leftover>();
let installed = false;

function removeLeftovers(): void {
  for (const leftover of leftovers) {
    for (const file of leftover.files) {
      try {
        unlinkSync(file);
      } catch {}
    }
    try {
      rmdirSync(leftover.folder);
    } catch {}
  }
}

/**
 * Remember paths to remove if the process exits normally before it releases
 * them (for example `process.exit()` inside a command). Removal is by the
 * holder's own token-named files, so it can never remove another holder's
 * lock. A killed process leaves its lock behind; the dead-process check
 * covers that.
 */
export function removeOnExit(files: string[], folder: string): () => void {
  if (!installed) {
    process.on('exit', removeLeftovers);
    installed = true;
  }
  const leftover: Leftover = { files, folder };
  leftovers.add(leftover);
  return () => {
    leftovers.delete(leftover);
  };
}
