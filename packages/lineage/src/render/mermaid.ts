import type { GraphData } from '../build.js';
import type { VersionId } from '../ids.js';
import { labelLines } from './labels.js';
import { type RenderScope, select } from './scope.js';

/**
 * Mermaid node ids allow letters, digits and `_` only, and some words (`end`)
 * or leading letters (`o`, `x` after an arrow) change the meaning of a line.
 * Every id starts with `n_`, and each other character is written as `_` plus
 * its hex code, so `a.b` and `a_b` can never collide.
 */
export function mermaidId(id: VersionId): string {
  let out = 'n_';
  for (const char of id) {
    if (/[A-Za-z0-9]/.test(char)) out += char;
    else {
      const code = char.codePointAt(0) ?? 0;
      out += code <= 0xff ? `_${code.toString(16).padStart(2, '0')}` : `_u${code.toString(16)}_`;
    }
  }
  return out;
}

/** Inside a quoted label, Mermaid reads `#…;` as an entity, so that is how special characters go in. */
function escapeLabel(text: string): string {
  return text.replace(/["#<>&`\n\r]/g, (char) => `#${char.codePointAt(0)};`);
}

/**
 * `graph TD` text. Solid arrows lead from a version's primary parent, dotted
 * ones from its other (merge) parents; deployed versions get a thick border
 * and missing ones a dashed border.
 */
export function renderMermaid(data: GraphData, scope?: RenderScope): string {
  const { nodes, edges } = select(data, scope);
  const lines = ['graph TD'];
  for (const node of nodes) {
    const label = labelLines(node.info).map(escapeLabel).join('<br/>');
    lines.push(`  ${mermaidId(node.id)}["${label}"]`);
  }
  for (const { parent, child, primary } of edges) {
    lines.push(`  ${mermaidId(parent.id)} ${primary ? '-->' : '-.->'} ${mermaidId(child.id)}`);
  }
  const deployed = nodes.filter((node) => node.info.deployed).map((n) => mermaidId(n.id));
  const missing = nodes.filter((node) => node.missing).map((n) => mermaidId(n.id));
  if (deployed.length > 0) {
    lines.push('  classDef deployed stroke-width:3px', `  class ${deployed.join(',')} deployed`);
  }
  if (missing.length > 0) {
    lines.push('  classDef missing stroke-dasharray:5 5', `  class ${missing.join(',')} missing`);
  }
  return lines.join('\n');
}
