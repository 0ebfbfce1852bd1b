/**
 * Roots of the query keys. Features build their keys under these, and a mutation that changes
 * another feature's data (merging units moves users) invalidates that root without importing
 * the other feature.
 */
export const queryKeyRoots = {
  auth: ['auth'],
  orgUnits: ['org-units'],
  users: ['users'],
  imports: ['imports'],
  audit: ['audit'],
} as const;
