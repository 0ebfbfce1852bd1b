import { randomUUID } from 'node:crypto';
import type { OrgUnitKind } from '@bdhv/contracts';
import { DataSource } from 'typeorm';
import { OrgUnit } from '../../src/modules/org-units/org-unit.entity';

let seq = 0;

export interface OrgUnitOverrides {
  parent: OrgUnit;
  code?: string;
  name?: string;
  kind?: OrgUnitKind;
  active?: boolean;
}

/** A unit under `parent`, with a consistent materialised path. Codes are unique per call. */
export async function createOrgUnit(ds: DataSource, o: OrgUnitOverrides): Promise<OrgUnit> {
  seq++;
  const id = randomUUID();
  const unit = ds.getRepository(OrgUnit).create({
    id,
    code: o.code ?? `T${process.pid % 1000}-${seq}-${id.slice(0, 4)}`.toUpperCase(),
    name: o.name ?? `Đơn vị thử ${seq}`,
    kind: o.kind ?? 'other',
    parentId: o.parent.id,
    path: `${o.parent.path}${id}/`,
    active: o.active ?? true,
    mergedIntoId: null,
  });
  await ds.getRepository(OrgUnit).insert(unit);
  return unit;
}
