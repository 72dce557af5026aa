package wave

import (
	"math"
	"slices"
)

// Block-wise heuristics for layouts with middle cross aisles, after the
// multi-block S-shape and largest gap of Roodbergen & de Koster (2001,
// "Routing methods for warehouses with multiple cross aisles") and their
// combined method; the rules below are ours where the paper leaves a choice.
//
// The front is the depot's end of the aisles (top when the start is on a
// middle cross aisle). The picker walks from the start along the front to
// the leftmost aisle holding picks and up that aisle to the back of the
// farthest block holding picks, picking all of that aisle on the way. Then
// the blocks are done one by one from the farthest to the front, each
// entered at its back cross aisle and left at its front one:
//
//   - S-shape: the block's remaining pick sub-aisles are traversed in a
//     snake starting from the end nearest to the picker; with an even count
//     the last one is entered and left from the front.
//   - Largest gap: along the back cross aisle from the nearer end, each
//     sub-aisle is entered from the back up to its largest gap; the far end
//     sub-aisle is traversed; along the front cross aisle back, each is
//     entered from the front up to the gap.
//   - Combined: sweeping from either end (the cheaper), each sub-aisle is
//     traversed or entered and left from the side the picker is on, chosen
//     by a two-state DP so that the sweep ends at the front.
//
// A block without picks is crossed in the aisle the picker stands in.
// Time O(picks log picks + aisles·blocks).

// subAisle is the picks of one aisle in one block, by y.
type subAisle struct {
	a   int
	ys  []float64
	off bool // already picked while walking up the first aisle
}

func (w *Router) heuristicBlocks(g *grid, policy Policy) Tour {
	w.summarise(g)
	nb := g.nb
	frontTop := g.start.CrossAisle != nb
	yF := g.crossY[nb]
	if frontTop {
		yF = g.crossY[0]
	}
	// blocks from the farthest to the front, with back and front y
	order := make([]int, nb)
	for i := range order {
		if frontTop {
			order[i] = nb - 1 - i
		} else {
			order[i] = i
		}
	}
	back := func(b int) float64 {
		if frontTop {
			return g.crossY[b+1]
		}
		return g.crossY[b]
	}
	front := func(b int) float64 {
		if frontTop {
			return g.crossY[b]
		}
		return g.crossY[b+1]
	}
	// sub-aisles per block, aisles increasing
	subs := make([][]subAisle, nb)
	leftmost := g.m
	for i := 0; i < len(w.sorted); {
		p := w.pts[w.sorted[i]]
		j := i
		var ys []float64
		for j < len(w.sorted) && w.pts[w.sorted[j]].a == p.a && w.pts[w.sorted[j]].b == p.b {
			ys = append(ys, w.pts[w.sorted[j]].y)
			j++
		}
		subs[p.b] = append(subs[p.b], subAisle{a: int(p.a), ys: ys})
		leftmost = min(leftmost, int(p.a))
		i = j
	}
	far := -1
	for i, b := range order {
		if len(subs[b]) > 0 {
			far = i
			break
		}
	}
	path := []Waypoint{{g.start.Aisle, g.crossY[g.start.CrossAisle]}}
	add := func(a int, y float64) {
		if last := path[len(path)-1]; last.Aisle != a || last.YM != y {
			path = append(path, Waypoint{a, y})
		}
	}
	path = g.walkTo(path, leftmost, yF)
	add(leftmost, back(order[far]))
	for _, b := range order[far:] {
		for i := range subs[b] {
			if subs[b][i].a == leftmost {
				subs[b][i].off = true
			}
		}
	}
	x := leftmost
	for _, b := range order[far:] {
		yK, yN := back(b), front(b)
		var P []subAisle
		for _, s := range subs[b] {
			if !s.off {
				P = append(P, s)
			}
		}
		if len(P) == 0 {
			add(x, yN)
			continue
		}
		// depth of y from the back of the block, and the y at a depth
		D := math.Abs(yN - yK)
		sign := 1.0
		if yN < yK {
			sign = -1
		}
		depth := func(y float64) float64 { return math.Abs(y - yK) }
		at := func(d float64) float64 { return yK + sign*d }
		// picks of s by depth from the back
		ds := func(s subAisle) []float64 {
			out := make([]float64, len(s.ys))
			for i, y := range s.ys {
				out[i] = depth(y)
			}
			slices.Sort(out)
			return out
		}
		if abs(P[len(P)-1].a-x) < abs(P[0].a-x) {
			slices.Reverse(P)
		}
		switch policy {
		case SShape:
			for i, s := range P {
				cur := path[len(path)-1].YM
				add(s.a, cur)
				if i == len(P)-1 && len(P)%2 == 0 { // at the front: return
					d := ds(s)
					add(s.a, at(d[0]))
					add(s.a, yN)
					break
				}
				if cur == yK {
					add(s.a, yN)
				} else {
					add(s.a, yK)
				}
			}
		case LargestGap:
			if len(P) == 1 {
				add(P[0].a, yK)
				add(P[0].a, yN)
				break
			}
			cut := make([]int, len(P)) // picks taken from the back
			for i, s := range P[:len(P)-1] {
				d := ds(s)
				best, c := D-d[len(d)-1], len(d) // gap before the front: all from the back
				if d[0] > best {
					best, c = d[0], 0
				}
				for k := 1; k < len(d); k++ {
					if gp := d[k] - d[k-1]; gp > best {
						best, c = gp, k
					}
				}
				cut[i] = c
			}
			for i, s := range P[:len(P)-1] {
				add(s.a, yK)
				if cut[i] > 0 {
					add(s.a, at(ds(s)[cut[i]-1]))
					add(s.a, yK)
				}
			}
			last := P[len(P)-1]
			add(last.a, yK)
			add(last.a, yN)
			for i := len(P) - 2; i >= 0; i-- {
				s := P[i]
				add(s.a, yN)
				if d := ds(s); cut[i] < len(d) {
					add(s.a, at(d[cut[i]]))
					add(s.a, yN)
				}
			}
		case Combined:
			best, bestDir := math.Inf(1), 0
			var bestHow []bool
			for dir := range 2 {
				Q := slices.Clone(P)
				if dir == 1 {
					slices.Reverse(Q)
				}
				c, how := combinedSweep(Q, D, ds)
				c += float64(abs(Q[0].a-x)) * g.pitch
				if c < best {
					best, bestDir, bestHow = c, dir, how
				}
			}
			if bestDir == 1 {
				slices.Reverse(P)
			}
			atBack := true
			for i, s := range P {
				side := yN
				if atBack {
					side = yK
				}
				add(s.a, side)
				if bestHow[i] {
					if atBack {
						add(s.a, yN)
					} else {
						add(s.a, yK)
					}
					atBack = !atBack
					continue
				}
				d := ds(s)
				if atBack {
					add(s.a, at(d[len(d)-1]))
				} else {
					add(s.a, at(d[0]))
				}
				add(s.a, side)
			}
		}
		x = path[len(path)-1].Aisle
	}
	path = g.walkTo(path, g.end.Aisle, g.crossY[g.end.CrossAisle])
	return Tour{DistanceM: g.pathLength(path), Path: path}
}

// combinedSweep chooses for each sub-aisle of Q, swept in order from the
// back, traversal (true) or a return from the current side, ending at the
// front; it returns the vertical plus horizontal cost.
func combinedSweep(Q []subAisle, D float64, ds func(subAisle) []float64) (float64, []bool) {
	n := len(Q)
	inf := math.Inf(1)
	f := make([]float64, 2*(n+1)) // f[i*2+s]: after i sub-aisles at back (0) or front (1)
	how := make([]bool, 2*n)
	for i := range f {
		f[i] = inf
	}
	f[0] = 0
	for i, q := range Q {
		d := ds(q)
		h := 0.0
		for s := range 2 {
			c := f[i*2+s]
			if c == inf {
				continue
			}
			ret := 2 * d[len(d)-1] // from the back to the deepest
			if s == 1 {
				ret = 2 * (D - d[0])
			}
			if x := c + h + ret; x < f[(i+1)*2+s] {
				f[(i+1)*2+s], how[i*2+s] = x, false
			}
			if x := c + h + D; x < f[(i+1)*2+1-s] {
				f[(i+1)*2+1-s], how[i*2+1-s] = x, true
			}
		}
	}
	// back-track from the front
	out := make([]bool, n)
	s := 1
	for i := n - 1; i >= 0; i-- {
		out[i] = how[i*2+s]
		if out[i] {
			s = 1 - s
		}
	}
	return f[n*2+1], out
}
