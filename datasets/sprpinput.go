package datasets

import (
	"fmt"

	"fulfil/solver/wave"
)

// WaveInput converts p to a picker-routing problem: the warehouse layout and
// the position to visit for each order line (the first position holding its
// article; the unit_F1 instances have exactly one). With twoBlock a middle
// cross aisle of width 1 lies between the two middle cells (cells 15 and 16
// of 30), as in the published two-block results.
func (p *SPRP) WaveInput(twoBlock bool) (*wave.Layout, []wave.Position, error) {
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
