import type { OrgUnitDto } from '@bdhv/contracts';
import type { TreeOption } from '@/components/ui/tree-select';

export interface OrgUnitNode {
  unit: OrgUnitDto;
  depth: number;
  children: OrgUnitNode[];
}

/**
 * Builds the tree from the flat list. Units whose parent is not in the list (a manager's
 * subtree) become roots; sibling order follows the server's.
 */
export function buildOrgUnitTree(units: readonly OrgUnitDto[]): OrgUnitNode[] {
  const nodes = new Map<string, OrgUnitNode>();
  for (const unit of units) nodes.set(unit.id, { unit, depth: 0, children: [] });
  const roots: OrgUnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.unit.parentId ? nodes.get(node.unit.parentId) : undefined;
    if (parent && parent !== node) parent.children.push(node);
    else roots.push(node);
  }
  const setDepth = (node: OrgUnitNode, depth: number, seen: Set<string>) => {
    if (seen.has(node.unit.id)) return;
    seen.add(node.unit.id);
    node.depth = depth;
    for (const child of node.children) setDepth(child, depth + 1, seen);
  };
  const seen = new Set<string>();
  for (const root of roots) setDepth(root, 0, seen);
  return roots;
}

/** Depth-first, parents before children. */
export function flattenTree(roots: readonly OrgUnitNode[]): OrgUnitNode[] {
  const result: OrgUnitNode[] = [];
  const visit = (node: OrgUnitNode) => {
    result.push(node);
    node.children.forEach(visit);
  };
  roots.forEach(visit);
  return result;
}

/** The unit's id and every descendant's. */
export function subtreeIds(node: OrgUnitNode): Set<string> {
  return new Set(flattenTree([node]).map((n) => n.unit.id));
}

/** Options for unit pickers, indented by depth. Merged units are gone for new work. */
export function toOrgUnitOptions(units: readonly OrgUnitDto[] | undefined, { exclude }: { exclude?: Set<string> } = {}): TreeOption[] {
  if (!units) return [];
  return flattenTree(buildOrgUnitTree(units))
    .filter((node) => node.unit.mergedIntoId === null && !exclude?.has(node.unit.id))
    .map((node) => ({ value: node.unit.id, label: node.unit.name, depth: node.depth }));
}
