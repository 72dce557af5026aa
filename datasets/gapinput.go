package datasets

import "fulfil/solver/alloc"

// GAPInput converts g to the allocation package's single-sourcing problem:
// agents are warehouses, jobs pickup points. The matrices are shared, not
// copied.
func (g *GAP) GAPInput() *alloc.GAPInput {
	return &alloc.GAPInput{Cost: g.Cost, Weight: g.Weight, Capacity: g.Capacity}
}
