package wave

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
)

// randomLayout draws a small layout with up to maxMiddle middle cross aisles
// and possibly different start and end.
func randomLayout(r *rand.Rand, maxMiddle int) *Layout {
	l := &Layout{
		Aisles:      1 + r.IntN(6),
		Cells:       4 + r.IntN(12),
		AislePitchM: float64(1 + r.IntN(4)),
		CellPitchM:  float64(1 + r.IntN(2)),
		TopGapM:     float64(r.IntN(3)),
		BottomGapM:  float64(r.IntN(3)),
	}
	nm := r.IntN(maxMiddle + 1)
	after := r.Perm(l.Cells - 1)[:min(nm, l.Cells-1)]
	for c := range l.Cells - 1 {
		for _, a := range after {
			if a == c {
				l.CrossAisles = append(l.CrossAisles, CrossAisle{AfterCell: c, WidthM: float64(r.IntN(3))})
			}
		}
	}
	depot := func() Depot {
		return Depot{Aisle: r.IntN(l.Aisles), CrossAisle: r.IntN(l.Blocks() + 1), OffsetM: float64(r.IntN(3)) / 2}
	}
	l.Start = depot()
	l.End = l.Start
	if r.IntN(2) == 0 {
		l.End = depot()
	}
	return l
}

// bruteForce is the shortest walk through picks over all orders, by the
// checker's Dijkstra distances.
func bruteForce(l *Layout, picks []Position) float64 {
	cg := newCheckGeom(l)
	pts := [][2]float64{{float64(l.Start.Aisle), cg.crossY[l.Start.CrossAisle]}, {float64(l.End.Aisle), cg.crossY[l.End.CrossAisle]}}
	for _, p := range picks {
		pts = append(pts, [2]float64{float64(p.Aisle), cg.cellY(p.Cell)})
	}
	ag, ids := newAisleGraph(cg, pts)
	n := len(ids)
	d := make([][]float64, n)
	for i := range n {
		all := ag.dijkstra(ids[i])
		d[i] = make([]float64, n)
		for j := range n {
			d[i][j] = all[ids[j]]
		}
	}
	perm := make([]int, len(picks))
	for i := range perm {
		perm[i] = i + 2
	}
	best := math.Inf(1)
	var rec func(k int)
	rec = func(k int) {
		if k == len(perm) {
			c, prev := 0.0, 0
			for _, x := range perm {
				c += d[prev][x]
				prev = x
			}
			best = min(best, c+d[prev][1])
			return
		}
		for i := k; i < len(perm); i++ {
			perm[k], perm[i] = perm[i], perm[k]
			rec(k + 1)
			perm[k], perm[i] = perm[i], perm[k]
		}
	}
	rec(0)
	if len(picks) > 0 || l.Start != l.End {
		best += l.Start.OffsetM + l.End.OffsetM
	}
	return best
}

// TestOptimalBruteForce cross-checks the exact router (the aisle DP for up
// to four blocks, Held–Karp beyond) against enumeration of all pick orders
// on random small layouts, and checks that no heuristic beats it.
func TestOptimalBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var w Router
	for it := range 1500 {
		l := randomLayout(r, 5)
		picks := make([]Position, r.IntN(7))
		for i := range picks {
			picks[i] = Position{Aisle: r.IntN(l.Aisles), Cell: r.IntN(l.Cells)}
		}
		name := fmt.Sprintf("case %d (%d blocks, %d picks)", it, l.Blocks(), len(picks))
		want := bruteForce(l, picks)
		tour, err := w.Route(l, picks, Optimal)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if math.Abs(tour.DistanceM-want) > 1e-9 {
			t.Fatalf("%s: got %g, want %g (layout %+v, picks %v)", name, tour.DistanceM, want, *l, picks)
		}
		if err := CheckTour(l, picks, tour); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, p := range []Policy{SShape, LargestGap, Combined} {
			h, err := w.Route(l, picks, p)
			if err != nil {
				t.Fatalf("%s %s: %v", name, p, err)
			}
			if err := CheckTour(l, picks, h); err != nil {
				t.Fatalf("%s %s: %v", name, p, err)
			}
			if h.DistanceM < want-1e-9 {
				t.Fatalf("%s %s: %g below the optimum %g", name, p, h.DistanceM, want)
			}
		}
	}
}

// TestFallbackLarge checks the nearest-neighbour + 2-opt/or-opt fallback on
// layouts with many cross aisles and many picks: valid tours, never below
// the closed-form bound of visiting the farthest pick and back.
func TestFallbackLarge(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var w Router
	for it := range 20 {
		l := &Layout{Aisles: 8, Cells: 40, AislePitchM: 3, CellPitchM: 1, TopGapM: 1, BottomGapM: 1}
		for c := 4; c < 39; c += 7 {
			l.CrossAisles = append(l.CrossAisles, CrossAisle{AfterCell: c, WidthM: 1})
		}
		l.Start = Depot{Aisle: r.IntN(8), CrossAisle: 0}
		l.End = l.Start
		picks := make([]Position, 13+r.IntN(20))
		for i := range picks {
			picks[i] = Position{Aisle: r.IntN(l.Aisles), Cell: r.IntN(l.Cells)}
		}
		tour, err := w.Route(l, picks, Optimal)
		if err != nil {
			t.Fatal(err)
		}
		if err := CheckTour(l, picks, tour); err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		s, err := w.Route(l, picks, SShape)
		if err != nil {
			t.Fatal(err)
		}
		if tour.DistanceM > s.DistanceM+1e-9 {
			t.Errorf("case %d: fallback %g longer than S-shape %g", it, tour.DistanceM, s.DistanceM)
		}
	}
}

// TestRouteScattered checks the scattered-storage choice on random small
// cases against enumeration of every choice (each routed exactly): the
// result is a valid tour of the chosen positions, never below the true
// optimum, and the mean excess is logged.
func TestRouteScattered(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var w Router
	excess, exact := 0.0, 0
	const cases = 300
	for it := range cases {
		l := randomLayout(r, 1)
		items := make([][]Position, 1+r.IntN(5))
		for i := range items {
			items[i] = make([]Position, 1+r.IntN(3))
			for j := range items[i] {
				items[i][j] = Position{Aisle: r.IntN(l.Aisles), Cell: r.IntN(l.Cells)}
			}
		}
		tour, choice, err := w.RouteScattered(l, items, Optimal)
		if err != nil {
			t.Fatal(err)
		}
		chosen := make([]Position, len(items))
		for i := range items {
			chosen[i] = items[i][choice[i]]
		}
		if err := CheckTour(l, chosen, tour); err != nil {
			t.Fatalf("case %d: %v", it, err)
		}
		// enumerate all choices
		best := math.Inf(1)
		pick := make([]Position, len(items))
		var rec func(i int)
		rec = func(i int) {
			if i == len(items) {
				best = min(best, bruteForce(l, pick))
				return
			}
			for _, p := range items[i] {
				pick[i] = p
				rec(i + 1)
			}
		}
		rec(0)
		if tour.DistanceM < best-1e-9 {
			t.Fatalf("case %d: %g below the optimum %g", it, tour.DistanceM, best)
		}
		if tour.DistanceM <= best+1e-9 {
			exact++
		}
		excess += 100 * (tour.DistanceM - best) / max(best, 1e-9)
	}
	t.Logf("scattered storage: optimal choice in %d of %d cases, mean excess %.2f%%", exact, cases, excess/cases)
	if exact < cases*8/10 {
		t.Errorf("optimal choice in only %d of %d cases", exact, cases)
	}
}
