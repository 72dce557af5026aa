package wave

import "math"

// Fallback routing for layouts with more cross aisles than the aisle DP
// handles (maxDPCross): shortest walks between picks come from the closed
// form on the aisle graph (grid.dist), and the pick sequence from
//
//   - Held–Karp dynamic programming over subsets, exact, for at most
//     heldKarpMax distinct pick points (O(2^n·n²));
//   - otherwise nearest neighbour followed by 2-opt and or-opt moves until
//     no move improves (first improvement), a heuristic.

const heldKarpMax = 12

// fallback routes w.pts on any layout; DistanceM excludes depot offsets.
func (w *Router) fallback(g *grid, withPath bool) Tour {
	n := len(w.pts)
	// node 0 start, 1..n picks, n+1 end
	N := n + 2
	ax := make([]int, N)
	ay := make([]float64, N)
	ax[0], ay[0] = g.start.Aisle, g.crossY[g.start.CrossAisle]
	ax[N-1], ay[N-1] = g.end.Aisle, g.crossY[g.end.CrossAisle]
	for i, p := range w.pts {
		ax[i+1], ay[i+1] = int(p.a), p.y
	}
	d := make([]float64, N*N)
	for i := range N {
		for j := range N {
			d[i*N+j] = g.dist(ax[i], ay[i], ax[j], ay[j])
		}
	}
	var seq []int // picks 1..n in order
	if n <= heldKarpMax {
		seq = heldKarp(d, N)
	} else {
		seq = nearestNeighbour(d, N)
		improveSequence(d, N, seq)
	}
	cost := d[seq[0]] + d[seq[n-1]*N+N-1]
	for i := 1; i < n; i++ {
		cost += d[seq[i-1]*N+seq[i]]
	}
	t := Tour{DistanceM: cost}
	if withPath {
		path := []Waypoint{{ax[0], ay[0]}}
		for _, i := range seq {
			path = g.walkTo(path, ax[i], ay[i])
		}
		path = g.walkTo(path, ax[N-1], ay[N-1])
		t.Path = path
		t.Order = visitOrder(g, path, w.pts)
	}
	return t
}

// heldKarp returns the shortest order of nodes 1..N-2 on a walk from node 0
// to node N-1.
func heldKarp(d []float64, N int) []int {
	n := N - 2
	full := 1 << n
	f := make([]float64, full*n)
	for i := range f {
		f[i] = math.Inf(1)
	}
	for i := range n {
		f[(1<<i)*n+i] = d[i+1]
	}
	for set := 1; set < full; set++ {
		for last := range n {
			c := f[set*n+last]
			if set&(1<<last) == 0 || math.IsInf(c, 1) {
				continue
			}
			for nx := range n {
				if set&(1<<nx) != 0 {
					continue
				}
				ns := set | 1<<nx
				if x := c + d[(last+1)*N+nx+1]; x < f[ns*n+nx] {
					f[ns*n+nx] = x
				}
			}
		}
	}
	set := full - 1
	best, last := math.Inf(1), 0
	for l := range n {
		if x := f[set*n+l] + d[(l+1)*N+N-1]; x < best {
			best, last = x, l
		}
	}
	seq := make([]int, n)
	for pos := n - 1; pos >= 0; pos-- {
		seq[pos] = last + 1
		prev := set &^ (1 << last)
		if prev == 0 {
			break
		}
		want := f[set*n+last]
		for p := range n {
			if prev&(1<<p) != 0 && math.Abs(f[prev*n+p]+d[(p+1)*N+last+1]-want) <= 1e-9*(1+want) {
				set, last = prev, p
				break
			}
		}
	}
	return seq
}

// nearestNeighbour orders nodes 1..N-2 greedily from node 0.
func nearestNeighbour(d []float64, N int) []int {
	n := N - 2
	seen := make([]bool, N)
	seq := make([]int, 0, n)
	cur := 0
	for range n {
		best, bj := math.Inf(1), -1
		for j := 1; j <= n; j++ {
			if !seen[j] && d[cur*N+j] < best {
				best, bj = d[cur*N+j], j
			}
		}
		seen[bj] = true
		seq = append(seq, bj)
		cur = bj
	}
	return seq
}

// improveSequence applies 2-opt and or-opt (segments of 1..3 moved) to the
// walk 0, seq..., N-1 until no move gains.
func improveSequence(d []float64, N int, seq []int) {
	n := len(seq)
	node := func(i int) int { // position -1 is the start, n the end
		switch {
		case i < 0:
			return 0
		case i >= n:
			return N - 1
		}
		return seq[i]
	}
	dd := func(a, b int) float64 { return d[a*N+b] }
	for improved := true; improved; {
		improved = false
		for i := 0; i < n-1; i++ {
			for j := i + 1; j < n; j++ {
				a, b, c, e := node(i-1), node(i), node(j), node(j+1)
				if dd(a, c)+dd(b, e) < dd(a, b)+dd(c, e)-1e-9 {
					for x, y := i, j; x < y; x, y = x+1, y-1 {
						seq[x], seq[y] = seq[y], seq[x]
					}
					improved = true
				}
			}
		}
		for l := 1; l <= 3 && l < n; l++ {
			for i := 0; i+l <= n; i++ {
				a, f, t, b := node(i-1), node(i), node(i+l-1), node(i+l)
				gain := dd(a, f) + dd(t, b) - dd(a, b)
				for j := -1; j < n; j++ {
					if j >= i-1 && j < i+l {
						continue
					}
					p, q := node(j), node(j+1)
					if add := dd(p, f) + dd(t, q) - dd(p, q); add < gain-1e-9 {
						moveSegment(seq, i, l, j)
						improved = true
						break
					}
				}
			}
		}
	}
}

// moveSegment moves seq[i:i+l] to after position j (j < i-1 or j >= i+l).
func moveSegment(seq []int, i, l, j int) {
	s := append([]int(nil), seq[i:i+l]...)
	rest := append(append([]int(nil), seq[:i]...), seq[i+l:]...)
	if j >= i+l {
		j -= l
	}
	out := append(append(append([]int(nil), rest[:j+1]...), s...), rest[j+1:]...)
	copy(seq, out)
}
