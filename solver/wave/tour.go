package wave

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"

	"fulfil/solver"
)

// Policy names a picker-routing method.
type Policy string

const (
	// Optimal is the exact route: the aisle DP (ratliff.go) for up to four
	// blocks, the fallback (fallback.go) beyond.
	Optimal Policy = "optimal"
	// SShape traverses every aisle holding picks entirely, in a snake.
	SShape Policy = "sshape"
	// LargestGap enters aisles from both cross aisles up to their largest gap.
	LargestGap Policy = "largestgap"
	// Combined chooses per aisle between traversal and return by DP.
	Combined Policy = "combined"
)

// Policies returns every routing policy, Optimal first.
func Policies() []Policy { return []Policy{Optimal, SShape, LargestGap, Combined} }

// ParsePolicy returns the policy named s.
func ParsePolicy(s string) (Policy, error) {
	for _, p := range Policies() {
		if string(p) == s {
			return p, nil
		}
	}
	return "", fmt.Errorf("wave: unknown routing policy %q (want optimal, sshape, largestgap or combined)", s)
}

// Tour is one pick tour from Layout.Start to Layout.End.
type Tour struct {
	// Order lists indices into the routed picks in walking order.
	Order []int `json:"order"`
	// DistanceM is the walking distance, depot offsets included.
	DistanceM float64 `json:"distance_m"`
	// Path lists the corners of the walk, from the start's cross-aisle point
	// to the end's.
	Path []Waypoint `json:"path"`
}

// edge kinds of a tour multigraph
const (
	eCross = iota // along a cross aisle between neighbouring aisles
	eFull         // through a whole aisle segment, u top, v bottom
	eLoop         // into an aisle segment from u to y turn and back
)

// edge is one walk of a tour multigraph between cross-aisle vertices
// (vertex id j*nc+k).
type edge struct {
	u, v int32
	kind uint8
	turn float64
}

// pick is a compiled pick position.
type pick struct {
	a   int32
	b   int32 // block
	y   float64
	key uint32 // aisle·cells + cell: sorts like (aisle, y)
}

// pick compiles the position (a, c).
func (g *grid) pick(a, c int) pick {
	return pick{a: int32(a), b: g.cellBlock[c], y: g.cellY[c], key: uint32(a*len(g.cellY) + c)}
}

// Router routes pick tours. It keeps the DP class tables and scratch
// memory between calls, so reuse one per goroutine; it is not safe for
// concurrent use. The zero value is ready to use.
type Router struct {
	machines [maxDPCross + 1]*machine
	cur, nxt []float64
	bp       []int32
	edges    []edge
	segs     []segment
	pts      []pick
	sorted   []int32
	keys     []uint64
	lo, hi   int // columns of the last sweep
	adjOff   []int32
	adj      []int32
	used     []bool
	stack    []int32
	trail    []int32
}

func (w *Router) machine(nc int) *machine {
	if w.machines[nc] == nil {
		w.machines[nc] = newMachine(nc)
	}
	return w.machines[nc]
}

// Route returns a tour over picks on layout by policy, with a new Router,
// rechecked by CheckTour: a tour that fails is an error wrapping ErrCheck.
// The routing runs in time linear in the aisles and is not interrupted;
// ctx is looked at before it starts and before the check. A panic is
// returned as a *solver.PanicError.
func Route(ctx context.Context, layout *Layout, picks []Position, policy Policy) (_ Tour, err error) {
	defer solver.Recover(&err)
	if err := ctx.Err(); err != nil {
		return Tour{}, err
	}
	var w Router
	t, err := w.Route(layout, picks, policy)
	if err != nil {
		return Tour{}, err
	}
	if err := ctx.Err(); err != nil {
		return Tour{}, err
	}
	if err := CheckTour(layout, picks, t); err != nil {
		return Tour{}, fmt.Errorf("%w (%w): %w", ErrCheck, solver.ErrCheck, err)
	}
	return t, nil
}

// Route returns a tour over picks on layout by policy. Bad input gives an
// *solver.InputError naming the field ("picks[3].cell").
func (w *Router) Route(layout *Layout, picks []Position, policy Policy) (Tour, error) {
	if err := ValidateLayout(layout); err != nil {
		return Tour{}, err
	}
	var v solver.Violations
	for i, p := range picks {
		if p.Aisle < 0 || p.Aisle >= layout.Aisles {
			v.Add(fmt.Sprintf("picks[%d].aisle", i), "must lie in [0, %d], got %d", layout.Aisles-1, p.Aisle)
		}
		if p.Cell < 0 || p.Cell >= layout.Cells {
			v.Add(fmt.Sprintf("picks[%d].cell", i), "must lie in [0, %d], got %d", layout.Cells-1, p.Cell)
		}
	}
	if _, err := ParsePolicy(string(policy)); err != nil {
		v.Add("policy", "unknown routing policy %q", string(policy))
	}
	if err := v.Err(); err != nil {
		return Tour{}, err
	}
	g := compileGrid(layout)
	w.setPicks(g, picks)
	return w.route(g, policy, true), nil
}

// setPicks compiles picks into w.pts.
func (w *Router) setPicks(g *grid, picks []Position) {
	w.pts = w.pts[:0]
	for _, p := range picks {
		w.pts = append(w.pts, g.pick(p.Aisle, p.Cell))
	}
}

// route routes w.pts; without withPath only DistanceM is set.
func (w *Router) route(g *grid, policy Policy, withPath bool) Tour {
	if len(w.pts) == 0 {
		path := []Waypoint{{g.start.Aisle, g.crossY[g.start.CrossAisle]}}
		path = g.walkTo(path, g.end.Aisle, g.crossY[g.end.CrossAisle])
		d := g.pathLength(path)
		if !g.sameDepot {
			d += g.start.OffsetM + g.end.OffsetM
		}
		return Tour{Order: []int{}, DistanceM: d, Path: path}
	}
	var t Tour
	switch {
	case policy == Optimal && g.nc <= maxDPCross:
		t = w.optimal(g, withPath)
	case policy == Optimal:
		t = w.fallback(g, withPath)
	case g.nb > 1:
		t = w.heuristicBlocks(g, policy)
		if withPath {
			t.Order = visitOrder(g, t.Path, w.pts)
		}
	default:
		t = w.heuristic(g, policy)
		if withPath {
			t.Order = visitOrder(g, t.Path, w.pts)
		}
	}
	t.DistanceM += g.start.OffsetM + g.end.OffsetM
	if !withPath {
		t.Path, t.Order = nil, nil
	}
	return t
}

// summarise fills w.segs from w.pts.
func (w *Router) summarise(g *grid) []segment {
	n := g.m * g.nb
	if cap(w.segs) < n {
		w.segs = make([]segment, n)
	}
	segs := w.segs[:n]
	clear(segs)
	w.keys = w.keys[:0]
	for i, p := range w.pts {
		w.keys = append(w.keys, uint64(p.key)<<32|uint64(i))
	}
	slices.Sort(w.keys)
	w.sorted = w.sorted[:0]
	for _, k := range w.keys {
		w.sorted = append(w.sorted, int32(uint32(k)))
	}
	pts := w.pts
	for _, i := range w.sorted {
		p := &pts[i]
		sg := &segs[int(p.a)*g.nb+int(p.b)]
		if sg.n == 0 {
			sg.minY, sg.gapHi, sg.gapLo = p.y, p.y, p.y
		} else if p.y-sg.maxY > sg.gapLo-sg.gapHi {
			sg.gapHi, sg.gapLo = sg.maxY, p.y
		}
		sg.maxY = p.y
		sg.n++
	}
	return segs
}

// optimal routes w.pts exactly by the aisle DP.
func (w *Router) optimal(g *grid, withPath bool) Tour {
	mc := w.machine(g.nc)
	segs := w.summarise(g)
	res := w.optimalDP(g, mc, segs, false)
	if !withPath {
		return Tour{DistanceM: res.cost}
	}
	edges := w.dpEdges(g, mc, segs, res)
	path := w.euler(g, edges)
	return Tour{Order: visitOrder(g, path, w.pts), DistanceM: res.cost, Path: path}
}

// closedBound is the length of a shortest closed tour through w.pts, the
// start and the end vertex (offsets counted twice each), or +Inf when the
// DP cannot handle the layout.
func (w *Router) closedBound(g *grid) float64 {
	if g.nc > maxDPCross {
		return math.Inf(1)
	}
	mc := w.machine(g.nc)
	segs := w.summarise(g)
	return w.optimalDP(g, mc, segs, true).cost + 2*(g.start.OffsetM+g.end.OffsetM)
}

// euler walks the edges from the start vertex to the end vertex
// (Hierholzer) and returns the corners of the walk.
func (w *Router) euler(g *grid, edges []edge) []Waypoint {
	nv := g.m * g.nc
	w.adjOff = growI(w.adjOff, nv+1)
	clear(w.adjOff)
	for _, e := range edges {
		w.adjOff[e.u+1]++
		if e.v != e.u {
			w.adjOff[e.v+1]++
		}
	}
	for i := 1; i <= nv; i++ {
		w.adjOff[i] += w.adjOff[i-1]
	}
	w.adj = growI(w.adj, int(w.adjOff[nv]))
	fill := w.stack[:0]
	fill = append(fill, w.adjOff[:nv]...)
	for i, e := range edges {
		w.adj[fill[e.u]] = int32(i)
		fill[e.u]++
		if e.v != e.u {
			w.adj[fill[e.v]] = int32(i)
			fill[e.v]++
		}
	}
	if cap(w.used) < len(edges) {
		w.used = make([]bool, len(edges))
	}
	used := w.used[:len(edges)]
	clear(used)
	ptr := fill[:nv]
	copy(ptr, w.adjOff[:nv])
	// stack holds (vertex, arriving edge) pairs
	stack := make([]int32, 0, 2*len(edges)+2)
	stack = append(stack, int32(g.startVertex), -1)
	trail := w.trail[:0]
	for len(stack) > 0 {
		v := stack[len(stack)-2]
		moved := false
		for ptr[v] < w.adjOff[v+1] {
			e := w.adj[ptr[v]]
			ptr[v]++
			if used[e] {
				continue
			}
			used[e] = true
			to := edges[e].v
			if to == v {
				to = edges[e].u
			}
			stack = append(stack, to, e)
			moved = true
			break
		}
		if !moved {
			trail = append(trail, stack[len(stack)-1], v)
			stack = stack[:len(stack)-2]
		}
	}
	w.trail, w.stack = trail, fill
	// trail holds (edge, vertex) pairs from the end back to the start
	path := []Waypoint{{g.start.Aisle, g.crossY[g.start.CrossAisle]}}
	for i := len(trail) - 4; i >= 0; i -= 2 {
		e, to := trail[i], int(trail[i+1])
		a, k := to/g.nc, to%g.nc
		ed := &edges[e]
		if ed.kind == eLoop {
			path = append(path, Waypoint{a, ed.turn})
		}
		path = append(path, Waypoint{a, g.crossY[k]})
	}
	return path
}

// visitOrder returns the indices of pts in the order the walk first passes
// them.
func visitOrder(g *grid, path []Waypoint, pts []pick) []int {
	idx := make([]int, len(pts))
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(x, y int) int {
		if c := cmp.Compare(pts[x].a, pts[y].a); c != 0 {
			return c
		}
		if c := cmp.Compare(pts[x].y, pts[y].y); c != 0 {
			return c
		}
		return cmp.Compare(x, y)
	})
	off := make([]int, g.m+1)
	for _, p := range pts {
		off[p.a+1]++
	}
	for i := 1; i <= g.m; i++ {
		off[i] += off[i-1]
	}
	seen := make([]bool, len(pts))
	order := make([]int, 0, len(pts))
	// pass collects the unvisited picks of aisle a between y1 and y2, in
	// walking order.
	pass := func(a int, y1, y2 float64) {
		lo, hi := min(y1, y2)-yTol, max(y1, y2)+yTol
		run := idx[off[a]:off[a+1]]
		first, _ := slices.BinarySearchFunc(run, lo, func(i int, y float64) int { return cmp.Compare(pts[i].y, y) })
		last := first
		for last < len(run) && pts[run[last]].y <= hi {
			last++
		}
		if y2 >= y1 {
			for _, j := range run[first:last] {
				if !seen[j] {
					seen[j] = true
					order = append(order, j)
				}
			}
			return
		}
		for x := last - 1; x >= first; x-- {
			if j := run[x]; !seen[j] {
				seen[j] = true
				order = append(order, j)
			}
		}
	}
	pass(path[0].Aisle, path[0].YM, path[0].YM)
	for i := 1; i < len(path); i++ {
		p, q := path[i-1], path[i]
		if p.Aisle == q.Aisle {
			pass(p.Aisle, p.YM, q.YM)
			continue
		}
		step := 1
		if q.Aisle < p.Aisle {
			step = -1
		}
		for a := p.Aisle + step; ; a += step {
			pass(a, q.YM, q.YM)
			if a == q.Aisle {
				break
			}
		}
	}
	if len(order) != len(pts) {
		panic("wave: walk misses picks")
	}
	return order
}
