import { formatVersionRef } from '@afs/registry-core';
import { compareNodes, type GraphData, type GraphNode, modelNodes } from '../build.js';
import { requireModel } from '../resolve.js';
import { metricText, statusText } from './labels.js';

/**
 * Where a version hangs in its model's tree: under its first parent from the
 * same model (present or missing). Other parents are named on the line
 * instead, so a merge appears once and no subtree is drawn twice.
 */
function treeParent(node: GraphNode, modelName: string): GraphNode | undefined {
  return node.parents.find((parent) => parent.modelName === modelName);
}

function refText(node: GraphNode, modelName: string): string {
  const ref = formatVersionRef(node.info, modelName);
  return node.missing ? `${ref} [missing]` : ref;
}

function annotations(node: GraphNode, parent: GraphNode | undefined, modelName: string): string[] {
  const notes: string[] = [];
  const others = node.parents.filter((p) => p !== parent).map((p) => refText(p, modelName));
  if (node.parents.length > 1) {
    notes.push(parent ? `merge; also from ${others.join(', ')}` : `merge of ${others.join(', ')}`);
  } else if (others.length === 1) {
    notes.push(`from ${others[0]}`);
  }
  const external = node.children
    .filter((child) => child.modelName !== modelName)
    .map((child) => refText(child, modelName));
  if (external.length > 0) notes.push(`parent of ${external.join(', ')}`);
  return notes;
}

function line(node: GraphNode, parent: GraphNode | undefined, modelName: string): string {
  const parts = [node.version, `[${statusText(node.info)}]`];
  const metric = metricText(node.info);
  if (metric !== undefined) parts.push(metric);
  const notes = annotations(node, parent, modelName);
  if (notes.length > 0) parts.push(`(${notes.join('; ')})`);
  return parts.join(' ');
}

interface Frame {
  readonly node: GraphNode;
  readonly prefix: string;
  readonly last: boolean;
}

/**
 * `tree`-style text for one model. Missing versions of the model that others
 * name as parent are drawn (marked `[missing]`) so their children keep their
 * place. Iterative, so a long fine-tuning chain cannot overflow the stack.
 */
export function renderTextTree(data: GraphData, modelName: string): string {
  const present = modelNodes(requireModel(data, modelName));
  if (present.length === 0) return `${modelName} (no versions)`;
  const all = [...present, ...data.missing.filter((node) => node.modelName === modelName)].sort(
    compareNodes,
  );

  const childrenOf = new Map<GraphNode, GraphNode[]>();
  const roots: GraphNode[] = [];
  for (const node of all) {
    const parent = treeParent(node, modelName);
    if (parent === undefined) roots.push(node);
    else {
      const list = childrenOf.get(parent);
      if (list === undefined) childrenOf.set(parent, [node]);
      else list.push(node);
    }
  }

  const lines = [modelName];
  const drawn = new Set<GraphNode>();
  const draw = (tops: readonly GraphNode[]) => {
    const stack: Frame[] = tops
      .map((node, i) => ({ node, prefix: '', last: i === tops.length - 1 }))
      .reverse();
    for (let frame = stack.pop(); frame !== undefined; frame = stack.pop()) {
      const { node, prefix, last } = frame;
      if (drawn.has(node)) continue;
      drawn.add(node);
      lines.push(
        `${prefix}${last ? '└── ' : '├── '}${line(node, treeParent(node, modelName), modelName)}`,
      );
      const kids = childrenOf.get(node) ?? [];
      const inner = `${prefix}${last ? '    ' : '│   '}`;
      for (let i = kids.length - 1; i >= 0; i--) {
        stack.push({ node: kids[i] as GraphNode, prefix: inner, last: i === kids.length - 1 });
      }
    }
  };
  draw(roots);
  // Only a hand-edited registry can hold a cycle; draw what it hid rather than drop it.
  for (const node of all) if (!drawn.has(node)) draw([node]);
  return lines.join('\n');
}
