package wave

import (
	"fmt"
	"math"
)

// CheckTour verifies a tour over picks on layout independently of the
// routers: the path starts and ends at the depots, walks only along aisles
// and cross aisles, its length plus the depot offsets is DistanceM, it
// passes the picks in Order, Order is a permutation, and DistanceM is at
// least the shortest walk (Dijkstra on the aisle graph) through the picks in
// that order.
func CheckTour(layout *Layout, picks []Position, t Tour) error {
	if err := ValidateLayout(layout); err != nil {
		return err
	}
	cg := newCheckGeom(layout)
	ys := make([]float64, len(picks))
	for i, p := range picks {
		if p.Aisle < 0 || p.Aisle >= layout.Aisles || p.Cell < 0 || p.Cell >= layout.Cells {
			return fmt.Errorf("wave: pick %d at aisle %d cell %d lies outside the layout", i, p.Aisle, p.Cell)
		}
		ys[i] = cg.cellY(p.Cell)
	}
	if len(t.Order) != len(picks) {
		return fmt.Errorf("wave: tour orders %d picks, want %d", len(t.Order), len(picks))
	}
	seen := make([]bool, len(picks))
	for _, i := range t.Order {
		if i < 0 || i >= len(picks) || seen[i] {
			return fmt.Errorf("wave: tour order is not a permutation (index %d)", i)
		}
		seen[i] = true
	}
	if len(t.Path) == 0 {
		return fmt.Errorf("wave: tour has no path")
	}
	s, e := layout.Start, layout.End
	sy, ey := cg.crossY[s.CrossAisle], cg.crossY[e.CrossAisle]
	if p := t.Path[0]; p.Aisle != s.Aisle || math.Abs(p.YM-sy) > 1e-7 {
		return fmt.Errorf("wave: path starts at %v, want the start (%d, %g)", p, s.Aisle, sy)
	}
	if p := t.Path[len(t.Path)-1]; p.Aisle != e.Aisle || math.Abs(p.YM-ey) > 1e-7 {
		return fmt.Errorf("wave: path ends at %v, want the end (%d, %g)", p, e.Aisle, ey)
	}
	top, bottom := cg.crossY[0], cg.crossY[len(cg.crossY)-1]
	length := 0.0
	k := 0 // next pick of Order to pass
	// passAt consumes the picks of Order standing at (a, y).
	passAt := func(a int, y float64) {
		for k < len(t.Order) && picks[t.Order[k]].Aisle == a && math.Abs(ys[t.Order[k]]-y) <= 1e-7 {
			k++
		}
	}
	passAt(t.Path[0].Aisle, t.Path[0].YM)
	for i, q := range t.Path {
		if q.Aisle < 0 || q.Aisle >= layout.Aisles || q.YM < top-1e-7 || q.YM > bottom+1e-7 {
			return fmt.Errorf("wave: path[%d] = %v lies outside the layout", i, q)
		}
		if i == 0 {
			continue
		}
		p := t.Path[i-1]
		if p.Aisle != q.Aisle {
			if math.Abs(p.YM-q.YM) > 1e-7 || !cg.onCross(p.YM) {
				return fmt.Errorf("wave: path[%d..%d] leaves aisle %d off a cross aisle", i-1, i, p.Aisle)
			}
			length += float64(abs(p.Aisle-q.Aisle)) * layout.AislePitchM
			step := 1
			if q.Aisle < p.Aisle {
				step = -1
			}
			for a := p.Aisle + step; ; a += step {
				passAt(a, q.YM)
				if a == q.Aisle {
					break
				}
			}
			continue
		}
		length += math.Abs(p.YM - q.YM)
		pos := p.YM
		for k < len(t.Order) {
			x := t.Order[k]
			y := ys[x]
			if picks[x].Aisle != q.Aisle || (y-pos)*(q.YM-pos) < -1e-12 || math.Abs(y-pos) > math.Abs(q.YM-pos)+1e-7 {
				break
			}
			pos = y
			k++
		}
	}
	if k < len(t.Order) {
		return fmt.Errorf("wave: path does not pass pick %d (order position %d)", t.Order[k], k)
	}
	if len(picks) > 0 || s != e {
		length += s.OffsetM + e.OffsetM
	}
	if math.Abs(length-t.DistanceM) > 1e-6*(1+length) {
		return fmt.Errorf("wave: path is %g long, tour says %g", length, t.DistanceM)
	}
	sp := shortestThrough(cg, picks, ys, t.Order)
	if t.DistanceM < sp-1e-6*(1+sp) {
		return fmt.Errorf("wave: tour says %g, below the shortest walk %g through its picks", t.DistanceM, sp)
	}
	return nil
}

// shortestThrough is the length of the shortest walk from the start through
// the picks in order to the end, offsets included, by Dijkstra.
func shortestThrough(cg *checkGeom, picks []Position, ys []float64, order []int) float64 {
	l := cg.l
	pts := [][2]float64{
		{float64(l.Start.Aisle), cg.crossY[l.Start.CrossAisle]},
		{float64(l.End.Aisle), cg.crossY[l.End.CrossAisle]},
	}
	for _, i := range order {
		pts = append(pts, [2]float64{float64(picks[i].Aisle), ys[i]})
	}
	ag, ids := newAisleGraph(cg, pts)
	stops := append([]int{ids[0]}, ids[2:]...)
	stops = append(stops, ids[1])
	total := 0.0
	for i := 1; i < len(stops); i++ {
		if stops[i] != stops[i-1] {
			total += ag.dijkstra(stops[i-1])[stops[i]]
		}
	}
	if len(order) > 0 || l.Start != l.End {
		total += l.Start.OffsetM + l.End.OffsetM
	}
	return total
}
