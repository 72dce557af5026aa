package wave

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestRouteNoAlloc: the exact cost evaluation used inside batching
// allocates nothing once the Router is warm.
func TestRouteNoAlloc(t *testing.T) {
	for _, middle := range []int{0, 1, 2} {
		l := &Layout{Aisles: 20, Cells: 60, AislePitchM: 3, CellPitchM: 1, TopGapM: 1, BottomGapM: 1}
		for i := range middle {
			l.CrossAisles = append(l.CrossAisles, CrossAisle{AfterCell: 19 + 20*i, WidthM: 2})
		}
		l.Start = Depot{Aisle: 0, CrossAisle: l.Blocks()}
		l.End = Depot{Aisle: 19, CrossAisle: 0}
		g := compileGrid(l)
		r := rand.New(rand.NewPCG(5, 6))
		var w Router
		picks := make([]Position, 40)
		for i := range picks {
			picks[i] = Position{Aisle: r.IntN(20), Cell: r.IntN(60)}
		}
		w.setPicks(g, picks)
		w.route(g, Optimal, false)
		if n := testing.AllocsPerRun(50, func() { w.route(g, Optimal, false) }); n != 0 {
			t.Errorf("%d middle cross aisles: %g allocations per evaluation, want 0", middle, n)
		}
	}
}

// BenchmarkCostEval is one exact tour-length evaluation as batching makes
// it: 16 aisles, 60 picks, one or two blocks.
func BenchmarkCostEval(b *testing.B) {
	for _, middle := range []int{0, 1} {
		l := &Layout{Aisles: 16, Cells: 60, AislePitchM: 3, CellPitchM: 1, TopGapM: 1, BottomGapM: 1}
		if middle == 1 {
			l.CrossAisles = []CrossAisle{{AfterCell: 29, WidthM: 2}}
		}
		l.Start = Depot{Aisle: 0, CrossAisle: l.Blocks()}
		l.End = Depot{Aisle: 15, CrossAisle: l.Blocks()}
		g := compileGrid(l)
		r := rand.New(rand.NewPCG(9, 9))
		picks := make([]Position, 60)
		for i := range picks {
			picks[i] = Position{Aisle: r.IntN(16), Cell: r.IntN(60)}
		}
		b.Run(fmt.Sprintf("blocks=%d", middle+1), func(b *testing.B) {
			var w Router
			w.setPicks(g, picks)
			b.ReportAllocs()
			for b.Loop() {
				w.route(g, Optimal, false)
			}
		})
	}
}
