package wave

import (
	"fmt"
	"math"

	"fulfil/solver"
)

// Layout is a parallel-aisle warehouse: Aisles aisles side by side, each with
// Cells storage positions on both sides, crossed by a top cross aisle, a
// bottom cross aisle and optional middle cross aisles that cut the aisles
// into blocks. Cell 0 is next to the top cross aisle. Distances along a
// cross aisle between neighbouring aisles are AislePitchM; along an aisle
// between neighbouring cells CellPitchM, plus the width of a middle cross
// aisle lying between them. Pickers pick from both sides of an aisle, so the
// side of a location does not change distances.
type Layout struct {
	Aisles      int     `json:"aisles"`
	Cells       int     `json:"cells"`
	AislePitchM float64 `json:"aisle_pitch_m"` // centre to centre of neighbouring aisles
	CellPitchM  float64 `json:"cell_pitch_m"`  // neighbouring cells
	TopGapM     float64 `json:"top_gap_m"`     // top cross aisle to cell 0
	BottomGapM  float64 `json:"bottom_gap_m"`  // last cell to bottom cross aisle
	// CrossAisles are the middle cross aisles, top to bottom; none means one
	// block.
	CrossAisles []CrossAisle `json:"cross_aisles,omitempty"`
	// Start is where a pick tour begins (staging), End where it ends (sort
	// wall); they may be the same place.
	Start Depot `json:"start"`
	End   Depot `json:"end"`
}

// CrossAisle is a middle cross aisle between cell AfterCell and cell
// AfterCell+1 of every aisle. It adds WidthM to the walk between those two
// cells; its centre line lies halfway between them.
type CrossAisle struct {
	AfterCell int     `json:"after_cell"`
	WidthM    float64 `json:"width_m"`
}

// Depot is the start or end of a pick tour: OffsetM away from the point
// where aisle Aisle meets cross aisle CrossAisle (0 the top cross aisle,
// len(CrossAisles)+1 the bottom one, the others the middle ones in order).
type Depot struct {
	Aisle      int     `json:"aisle"`
	CrossAisle int     `json:"cross_aisle"`
	OffsetM    float64 `json:"offset_m"`
}

// Position is a storage position: a cell of an aisle.
type Position struct {
	Aisle int `json:"aisle"`
	Cell  int `json:"cell"`
}

// Blocks returns the number of blocks, len(CrossAisles)+1.
func (l *Layout) Blocks() int { return len(l.CrossAisles) + 1 }

// validateLayout adds every violation of l to v, field paths under prefix.
func validateLayout(v *solver.Violations, prefix string, l *Layout) {
	if l.Aisles < 1 {
		v.Add(prefix+".aisles", "must be >= 1, got %d", l.Aisles)
	}
	if l.Cells < 1 {
		v.Add(prefix+".cells", "must be >= 1, got %d", l.Cells)
	}
	nonneg := func(name string, x float64) {
		if !(x >= 0) || math.IsInf(x, 0) {
			v.Add(prefix+"."+name, "must be a finite number >= 0, got %g", x)
		}
	}
	nonneg("aisle_pitch_m", l.AislePitchM)
	nonneg("cell_pitch_m", l.CellPitchM)
	nonneg("top_gap_m", l.TopGapM)
	nonneg("bottom_gap_m", l.BottomGapM)
	prev := -1
	for i, c := range l.CrossAisles {
		f := fmt.Sprintf("%s.cross_aisles[%d]", prefix, i)
		if c.AfterCell <= prev || c.AfterCell >= l.Cells-1 {
			v.Add(f+".after_cell", "must lie in [%d, %d] and increase, got %d", prev+1, l.Cells-2, c.AfterCell)
		}
		prev = c.AfterCell
		if !(c.WidthM >= 0) || math.IsInf(c.WidthM, 0) {
			v.Add(f+".width_m", "must be a finite number >= 0, got %g", c.WidthM)
		}
	}
	for _, d := range []struct {
		name string
		d    Depot
	}{{"start", l.Start}, {"end", l.End}} {
		f := prefix + "." + d.name
		if d.d.Aisle < 0 || d.d.Aisle >= l.Aisles {
			v.Add(f+".aisle", "must lie in [0, %d], got %d", l.Aisles-1, d.d.Aisle)
		}
		if d.d.CrossAisle < 0 || d.d.CrossAisle > l.Blocks() {
			v.Add(f+".cross_aisle", "must lie in [0, %d], got %d", l.Blocks(), d.d.CrossAisle)
		}
		if !(d.d.OffsetM >= 0) || math.IsInf(d.d.OffsetM, 0) {
			v.Add(f+".offset_m", "must be a finite number >= 0, got %g", d.d.OffsetM)
		}
	}
}

// ValidateLayout returns nil or an *solver.InputError naming each bad field
// of l under "layout".
func ValidateLayout(l *Layout) error {
	var v solver.Violations
	if l == nil {
		v.Add("layout", "missing")
		return v.Err()
	}
	validateLayout(&v, "layout", l)
	return v.Err()
}

// grid is a compiled Layout: the y coordinate (metres from the top cross
// aisle, along an aisle) of every cell and cross aisle. Index names: a or j
// aisle, c cell, k cross aisle (0 top .. nb bottom), b block (between cross
// aisles b and b+1).
type grid struct {
	m, nb, nc   int
	pitch       float64
	crossY      []float64 // [k]
	cellY       []float64 // [c]
	cellBlock   []int32   // [c]
	start, end  Depot
	sameDepot   bool // start and end are one place
	startVertex int  // start.Aisle*nc + start.CrossAisle
	endVertex   int
}

// compileGrid builds the grid of a validated layout.
func compileGrid(l *Layout) *grid {
	g := &grid{m: l.Aisles, nb: l.Blocks(), pitch: l.AislePitchM, start: l.Start, end: l.End}
	g.nc = g.nb + 1
	g.crossY = make([]float64, g.nc)
	g.cellY = make([]float64, l.Cells)
	g.cellBlock = make([]int32, l.Cells)
	y := l.TopGapM
	x := 0
	for c := range l.Cells {
		if c > 0 {
			y += l.CellPitchM
			if x < len(l.CrossAisles) && l.CrossAisles[x].AfterCell == c-1 {
				w := l.CrossAisles[x].WidthM
				g.crossY[x+1] = y + w/2 - l.CellPitchM/2
				y += w
				x++
			}
		}
		g.cellY[c] = y
		g.cellBlock[c] = int32(x)
	}
	g.crossY[g.nb] = y + l.BottomGapM
	g.sameDepot = l.Start == l.End
	g.startVertex = l.Start.Aisle*g.nc + l.Start.CrossAisle
	g.endVertex = l.End.Aisle*g.nc + l.End.CrossAisle
	return g
}
