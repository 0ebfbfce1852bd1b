import { ActionIcon, Badge, Button, Group, Menu, Stack, Text } from '@mantine/core';
import type { OrgUnitDto } from '@bdhv/contracts';
import {
  IconArrowsMove,
  IconChevronDown,
  IconChevronRight,
  IconDotsVertical,
  IconGitMerge,
  IconLayoutNavbarCollapse,
  IconLayoutNavbarExpand,
  IconPencil,
  IconPlus,
} from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '@/components/ui/page-loader';
import { QueryError } from '@/components/ui/query-error';
import { useOrgUnits } from '../api/get-org-units';
import { buildOrgUnitTree, flattenTree, type OrgUnitNode } from '../utils/tree';
import { OrgUnitDialogs, type OrgUnitAction } from './org-unit-dialogs';
import classes from './org-unit-tree.module.css';

export interface OrgUnitTreeProps {
  /** Administrators may add, rename, move and merge units; others only look. */
  canEdit: boolean;
}

/** The organisation tree as nested lists with disclosure buttons, plus per-unit actions. */
export function OrgUnitTree({ canEdit }: OrgUnitTreeProps) {
  const { t } = useTranslation();
  const units = useOrgUnits();
  const roots = useMemo(() => buildOrgUnitTree(units.data ?? []), [units.data]);
  const [expanded, setExpanded] = useState<Set<string> | null>(null);
  const [action, setAction] = useState<OrgUnitAction | null>(null);

  // Until the user toggles something, the top levels are open.
  const openIds = expanded ?? new Set(flattenTree(roots).filter((node) => node.depth < 1).map((node) => node.unit.id));
  const toggle = (id: string) => {
    const next = new Set(openIds);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setExpanded(next);
  };

  if (units.isPending) return <PageLoader label={t('orgUnits.loading')} />;
  if (units.isError) {
    return (
      <QueryError title={t('orgUnits.loadError')} error={units.error} onRetry={() => void units.refetch()} retrying={units.isFetching} />
    );
  }
  if (roots.length === 0) return <Text>{t('orgUnits.empty')}</Text>;

  return (
    <Stack gap="md">
      <Group gap="sm">
        <Button
          variant="default"
          size="sm"
          leftSection={<IconLayoutNavbarExpand size={18} aria-hidden="true" />}
          onClick={() => setExpanded(new Set(flattenTree(roots).map((node) => node.unit.id)))}
        >
          {t('orgUnits.expandAll')}
        </Button>
        <Button
          variant="default"
          size="sm"
          leftSection={<IconLayoutNavbarCollapse size={18} aria-hidden="true" />}
          onClick={() => setExpanded(new Set())}
        >
          {t('orgUnits.collapseAll')}
        </Button>
      </Group>
      <ul className={classes.tree}>
        {roots.map((node) => (
          <TreeNode key={node.unit.id} node={node} openIds={openIds} onToggle={toggle} canEdit={canEdit} onAction={setAction} />
        ))}
      </ul>
      {canEdit ? <OrgUnitDialogs action={action} onClose={() => setAction(null)} units={units.data} /> : null}
    </Stack>
  );
}

interface TreeNodeProps {
  node: OrgUnitNode;
  openIds: Set<string>;
  onToggle: (id: string) => void;
  canEdit: boolean;
  onAction: (action: OrgUnitAction) => void;
}

function TreeNode({ node, openIds, onToggle, canEdit, onAction }: TreeNodeProps) {
  const { t } = useTranslation();
  const { unit, children } = node;
  const open = openIds.has(unit.id);
  const childListId = `org-unit-children-${unit.id}`;
  return (
    <li className={classes.item} data-depth={node.depth}>
      <div className={classes.row}>
        {children.length > 0 ? (
          <ActionIcon
            variant="subtle"
            color="gray.9"
            size="lg"
            aria-expanded={open}
            aria-controls={open ? childListId : undefined}
            aria-label={t(open ? 'orgUnits.collapse' : 'orgUnits.expand', { name: unit.name })}
            onClick={() => onToggle(unit.id)}
          >
            {open ? <IconChevronDown size={20} aria-hidden="true" /> : <IconChevronRight size={20} aria-hidden="true" />}
          </ActionIcon>
        ) : (
          <span className={classes.spacer} aria-hidden="true" />
        )}
        <div className={classes.info}>
          <Text fw={600} className={classes.name}>
            {unit.name}
          </Text>
          <Text size="sm" c="dimmed">
            {[unit.code, t(`identity.orgUnitKinds.${unit.kind}`), t('orgUnits.userCount', { count: unit.userCount })].join(' · ')}
          </Text>
          <UnitStateBadges unit={unit} />
        </div>
        {canEdit && unit.mergedIntoId === null ? <UnitActions node={node} onAction={onAction} /> : null}
      </div>
      {children.length > 0 && open ? (
        <ul className={classes.tree} id={childListId}>
          {children.map((child) => (
            <TreeNode key={child.unit.id} node={child} openIds={openIds} onToggle={onToggle} canEdit={canEdit} onAction={onAction} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function UnitStateBadges({ unit }: { unit: OrgUnitDto }) {
  const { t } = useTranslation();
  if (unit.mergedIntoId === null && unit.active) return null;
  return (
    <Group gap={6} mt={4}>
      {unit.mergedIntoId !== null ? (
        <Badge color="gray.8" variant="outline" radius="sm" tt="none">
          {t('orgUnits.merged')}
        </Badge>
      ) : null}
      {!unit.active && unit.mergedIntoId === null ? (
        <Badge color="orange.9" variant="outline" radius="sm" tt="none">
          {t('orgUnits.inactive')}
        </Badge>
      ) : null}
    </Group>
  );
}

function UnitActions({ node, onAction }: { node: OrgUnitNode; onAction: (action: OrgUnitAction) => void }) {
  const { t } = useTranslation();
  const isRoot = node.unit.parentId === null;
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray.9" size="lg" aria-label={t('orgUnits.actionsFor', { name: node.unit.name })}>
          <IconDotsVertical size={20} aria-hidden="true" />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPlus size={16} aria-hidden="true" />} onClick={() => onAction({ type: 'addChild', node })}>
          {t('orgUnits.actions.addChild')}
        </Menu.Item>
        <Menu.Item leftSection={<IconPencil size={16} aria-hidden="true" />} onClick={() => onAction({ type: 'rename', node })}>
          {t('orgUnits.actions.rename')}
        </Menu.Item>
        {!isRoot ? (
          <>
            <Menu.Item leftSection={<IconArrowsMove size={16} aria-hidden="true" />} onClick={() => onAction({ type: 'move', node })}>
              {t('orgUnits.actions.move')}
            </Menu.Item>
            <Menu.Item leftSection={<IconGitMerge size={16} aria-hidden="true" />} onClick={() => onAction({ type: 'merge', node })}>
              {t('orgUnits.actions.merge')}
            </Menu.Item>
          </>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  );
}
