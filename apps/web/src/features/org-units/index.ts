// Public surface of the org-units feature; app/ imports only from here.
export { createOrgUnit, useCreateOrgUnit } from './api/create-org-unit';
export { getOrgUnits, getOrgUnitsQueryOptions, orgUnitsQueryKey, useOrgUnits } from './api/get-org-units';
export { mergeOrgUnit, useMergeOrgUnit } from './api/merge-org-unit';
export { moveOrgUnit, useMoveOrgUnit } from './api/move-org-unit';
export { updateOrgUnit, useUpdateOrgUnit } from './api/update-org-unit';
export { OrgUnitTree } from './components/org-unit-tree';
export { buildOrgUnitTree, flattenTree, toOrgUnitOptions, type OrgUnitNode } from './utils/tree';
