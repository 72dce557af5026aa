package wave

import "math"

// Routing heuristics pickers know (Hall 1993; Roodbergen & de Koster 2001,
// "Routing order pickers in a warehouse with a middle aisle"), for one
// block; heuristics_blocks.go holds the block-wise versions used when the
// layout has middle cross aisles. The front is the start's end of the
// aisles.
//
//   - S-shape: every aisle holding picks is traversed entirely, left to
//     right; with an odd count the last one is entered and left from the
//     front.
//   - Largest gap: the leftmost and rightmost pick aisles are traversed; the
//     others are entered from the back (on the way right) and from the front
//     (on the way back) up to their largest gap between neighbouring picks.
//   - Combined: left to right, each pick aisle is either traversed or entered
//     and left from the side the picker is on, chosen by a two-state DP so
//     that the tour ends at the front.
//
// Each runs in O(picks log picks + aisles).

// aisleRun describes the picks of one aisle as depths from the front.
type aisleRun struct {
	a      int
	lo, hi int // range of w.sorted holding its picks, by increasing y
}

// heuristic routes w.pts by a policy other than Optimal and returns the
// walk (DistanceM without depot offsets).
func (w *Router) heuristic(g *grid, policy Policy) Tour {
	w.summarise(g) // sorts w.sorted by (aisle, y)
	yF, yB := g.crossY[0], g.crossY[g.nb]
	if g.start.CrossAisle == g.nb {
		yF, yB = yB, yF
	}
	sign := 1.0
	if yB < yF {
		sign = -1
	}
	D := math.Abs(yB - yF)
	depth := func(i int32) float64 { return math.Abs(w.pts[i].y - yF) }
	at := func(d float64) float64 { return yF + sign*d }
	var runs []aisleRun
	for i := 0; i < len(w.sorted); {
		a := int(w.pts[w.sorted[i]].a)
		j := i
		for j < len(w.sorted) && int(w.pts[w.sorted[j]].a) == a {
			j++
		}
		runs = append(runs, aisleRun{a: a, lo: i, hi: j})
		i = j
	}
	// deepest returns the depth of the pick of run r farthest from the front
	// (fromFront) or nearest to it.
	deepest := func(r aisleRun, fromFront bool) float64 {
		d1, d2 := depth(w.sorted[r.lo]), depth(w.sorted[r.hi-1])
		if fromFront {
			return max(d1, d2)
		}
		return min(d1, d2)
	}
	path := []Waypoint{{g.start.Aisle, g.crossY[g.start.CrossAisle]}}
	path = g.walkTo(path, runs[0].a, yF)
	add := func(a int, y float64) {
		if last := path[len(path)-1]; last.Aisle != a || last.YM != y {
			path = append(path, Waypoint{a, y})
		}
	}
	switch policy {
	case SShape:
		front := true
		for i, r := range runs {
			side := yB
			if !front {
				side = yF
			}
			add(r.a, path[len(path)-1].YM)
			if i == len(runs)-1 && front && len(runs)%2 == 1 {
				add(r.a, at(deepest(r, true)))
				add(r.a, yF)
				break
			}
			add(r.a, side)
			front = !front
		}
	case LargestGap:
		if len(runs) == 1 {
			add(runs[0].a, at(deepest(runs[0], true)))
			add(runs[0].a, yF)
			break
		}
		// split[i]: number of picks of run i taken from the front
		split := make([]int, len(runs))
		for i, r := range runs[1 : len(runs)-1] {
			n := r.hi - r.lo
			ds := make([]float64, 0, n)
			for x := r.lo; x < r.hi; x++ {
				ds = append(ds, depth(w.sorted[x]))
			}
			if sign < 0 {
				for x, y := 0, n-1; x < y; x, y = x+1, y-1 {
					ds[x], ds[y] = ds[y], ds[x]
				}
			}
			best, cut := ds[0], 0 // gap before the first pick: all from the back
			for x := 1; x < n; x++ {
				if gp := ds[x] - ds[x-1]; gp > best {
					best, cut = gp, x
				}
			}
			if D-ds[n-1] > best {
				cut = n
			}
			split[i+1] = cut
		}
		depthAt := func(r aisleRun, x int) float64 { // x-th pick from the front
			if sign > 0 {
				return depth(w.sorted[r.lo+x])
			}
			return depth(w.sorted[r.hi-1-x])
		}
		add(runs[0].a, yB)
		for i := 1; i < len(runs)-1; i++ {
			r := runs[i]
			add(r.a, yB)
			if split[i] < r.hi-r.lo {
				add(r.a, at(depthAt(r, split[i])))
				add(r.a, yB)
			}
		}
		last := runs[len(runs)-1]
		add(last.a, yB)
		add(last.a, yF)
		for i := len(runs) - 2; i >= 1; i-- {
			r := runs[i]
			add(r.a, yF)
			if split[i] > 0 {
				add(r.a, at(depthAt(r, split[i]-1)))
				add(r.a, yF)
			}
		}
	case Combined:
		// f[i*2+s]: cost after run i with the picker at the front (s=0) or back
		n := len(runs)
		f := make([]float64, 2*n)
		how := make([]bool, 2*n) // true: traversed
		inf := math.Inf(1)
		for i, r := range runs {
			for s := range 2 {
				f[i*2+s] = inf
			}
			for s := range 2 {
				prev := 0.0
				if i > 0 {
					prev = f[(i-1)*2+s]
				} else if s == 1 {
					prev = inf
				}
				if prev == inf {
					continue
				}
				ret := 2 * deepest(r, true)
				if s == 1 {
					ret = 2 * (D - deepest(r, false))
				}
				if c := prev + ret; c < f[i*2+s] {
					f[i*2+s], how[i*2+s] = c, false
				}
				if c := prev + D; c < f[i*2+1-s] {
					f[i*2+1-s], how[i*2+1-s] = c, true
				}
			}
		}
		sides := make([]int, n) // side after run i
		s := 0
		for i := n - 1; i >= 0; i-- {
			sides[i] = s
			if how[i*2+s] {
				s = 1 - s
			}
		}
		for i, r := range runs {
			before := 0
			if i > 0 {
				before = sides[i-1]
			}
			y0 := yF
			if before == 1 {
				y0 = yB
			}
			add(r.a, y0)
			if sides[i] != before {
				if before == 0 {
					add(r.a, yB)
				} else {
					add(r.a, yF)
				}
				continue
			}
			if before == 0 {
				add(r.a, at(deepest(r, true)))
			} else {
				add(r.a, at(deepest(r, false)))
			}
			add(r.a, y0)
		}
	}
	path = g.walkTo(path, g.end.Aisle, g.crossY[g.end.CrossAisle])
	return Tour{DistanceM: g.pathLength(path), Path: path}
}
