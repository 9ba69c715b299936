// The family ties a staff member can declare (conflict of interest); labels in messages cadreRelatives.relations.
export const RELATIONS = ['spouse', 'parent', 'child', 'sibling', 'grandparent', 'grandchild', 'in_law', 'other'] as const;
