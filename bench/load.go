package bench

import (
	"fmt"

	"fulfil/datasets"
	"fulfil/solver/alloc"
	"fulfil/solver/wave"
)

// LoadSPRP reads a Heßler–Irnich picker-routing instance and returns its
// warehouse layout and the positions to visit, one per order line (each
// article of these instances has one position). With twoBlock a middle
// cross aisle of width 1 lies between the two middle cells, as in the
// published two-block results.
func LoadSPRP(path string, twoBlock bool) (*wave.Layout, []wave.Position, error) {
	p, err := datasets.ReadSPRPFile(path)
	if err != nil {
		return nil, nil, err
	}
	l := &wave.Layout{
		Aisles: p.Aisles, Cells: p.Cells,
		AislePitchM: p.AisleToAisle, CellPitchM: p.CellToCell,
		TopGapM: p.TopToCell, BottomGapM: p.BottomToCell,
	}
	if twoBlock {
		l.CrossAisles = []wave.CrossAisle{{AfterCell: p.Cells/2 - 1, WidthM: 1}}
	}
	d := wave.Depot{Aisle: p.DepotAisle, OffsetM: p.TopOrBottomToDepot}
	if !p.DepotAtTop {
		d.CrossAisle = l.Blocks()
	}
	l.Start, l.End = d, d
	at := make(map[int]wave.Position, len(p.Positions))
	for _, q := range p.Positions {
		if _, ok := at[q.Article]; !ok {
			at[q.Article] = wave.Position{Aisle: q.Aisle, Cell: q.Cell}
		}
	}
	picks := make([]wave.Position, 0, len(p.Order))
	for k, o := range p.Order {
		q, ok := at[o.Article]
		if !ok {
			return nil, nil, fmt.Errorf("%s: order line %d: article %d has no storage position", p.Name, k, o.Article)
		}
		picks = append(picks, q)
	}
	return l, picks, nil
}

// GAPInput converts a GAP file's problem to an allocation single-sourcing
// problem.
func GAPInput(g *datasets.GAP) *alloc.GAPInput {
	return &alloc.GAPInput{Cost: g.Cost, Weight: g.Weight, Capacity: g.Capacity}
}
