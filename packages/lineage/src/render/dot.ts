import type { GraphData } from '../build.js';
import { labelLines } from './labels.js';
import { type RenderScope, select } from './scope.js';

/** A DOT double-quoted string: ids are quoted whole, so `.`, `-` and `:` are safe in them. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

/**
 * Graphviz `digraph`. Dashed edges lead from merge (additional) parents;
 * deployed versions are drawn bold, missing ones dashed.
 */
export function renderDot(data: GraphData, scope?: RenderScope): string {
  const { nodes, edges } = select(data, scope);
  const lines = ['digraph lineage {', '  node [shape=box];'];
  for (const { info } of nodes) {
    // Lines are escaped one by one so that the `\n` between them stays a DOT line break.
    const label = `"${labelLines(info)
      .map((part) => quote(part).slice(1, -1))
      .join('\\n')}"`;
    const style = info.missing ? ', style=dashed' : info.deployed ? ', style=bold' : '';
    lines.push(`  ${quote(info.id)} [label=${label}${style}];`);
  }
  for (const { parent, child, primary } of edges) {
    lines.push(`  ${quote(parent.id)} -> ${quote(child.id)}${primary ? '' : ' [style=dashed]'};`);
  }
  lines.push('}');
  return lines.join('\n');
}
