package alloc

import (
	"context"
	"math"
)

// Arc states of the primal network simplex. A non-tree arc sits at its lower
// (zero) or upper bound; the state doubles as the sign that makes an arc's
// reduced cost negative when it may enter the basis.
const (
	stateUpper int8 = -1
	stateTree  int8 = 0
	stateLower int8 = 1
)

// Directions of a node's tree arc.
const (
	dirUp   int8 = 1  // the arc runs from the node to its parent
	dirDown int8 = -1 // the arc runs from the parent to the node
)

// netSimplex is a primal network simplex over a strongly feasible spanning
// tree, following the design of LEMON's NetworkSimplex (Kovács 2015,
// "Minimum-cost flow algorithms: an experimental evaluation"): an
// artificial root joined to every node by an artificial arc of cost
// (max|cost|+1)·(n+1), the tree kept as parent/pred/thread/succNum/lastSucc
// arrays, and block-search pivoting that scans √m arcs per block and takes
// the most negative reduced cost once a block has one. Ties in the leaving
// arc go to the last blocking arc on the target side, which keeps the tree
// strongly feasible and rules out cycling. Each pivot costs O(√m) for the
// search plus O(length of the cycle + size of the moved subtree).
//
// Unlike LEMON it supports only equality supplies (they sum to zero) and
// lets costs change between runs (setCost, then run again from the current
// basis), which the split repair in splits.go relies on.
//
// It is a workspace: one per worker, reused across networks with init.
type netSimplex struct {
	n, m    int // real nodes and arcs; node n is the root, arcs m..m+n-1 artificial
	artCost int64

	src, tgt []int32 // per arc, artificial ones included
	capa     []int64
	cost     []int64
	flow     []int64
	state    []int8

	pi        []int64 // reduced cost of a: cost[a] + pi[src[a]] - pi[tgt[a]]
	parent    []int32
	pred      []int32
	dir       []int8
	thread    []int32 // preorder successor, cyclic through the root
	revThread []int32
	succNum   []int32 // subtree sizes
	lastSucc  []int32 // last node of each subtree in thread order

	blockSize int
	nextArc   int
	pivots    int64

	path   []int32 // scratch for updateTree
	pieces []int32
}

func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// init loads g (which must pass Check) and builds the initial tree of
// artificial arcs.
func (s *netSimplex) init(g *Network) {
	n, m := g.Nodes(), g.Arcs()
	s.n, s.m = n, m
	all := m + n
	s.src = grow(s.src, all)
	s.tgt = grow(s.tgt, all)
	s.capa = grow(s.capa, all)
	s.cost = grow(s.cost, all)
	s.flow = grow(s.flow, all)
	s.state = grow(s.state, all)
	copy(s.src, g.Tail)
	copy(s.tgt, g.Head)
	copy(s.capa, g.Cap)
	copy(s.cost, g.Cost)
	var maxc int64
	for a := range m {
		s.flow[a] = 0
		s.state[a] = stateLower
		maxc = max(maxc, s.cost[a], -s.cost[a])
	}
	s.artCost = (maxc + 1) * int64(n+1)

	nn := n + 1
	s.pi = grow(s.pi, nn)
	s.parent = grow(s.parent, nn)
	s.pred = grow(s.pred, nn)
	s.dir = grow(s.dir, nn)
	s.thread = grow(s.thread, nn)
	s.revThread = grow(s.revThread, nn)
	s.succNum = grow(s.succNum, nn)
	s.lastSucc = grow(s.lastSucc, nn)

	root := int32(n)
	s.parent[root] = -1
	s.pred[root] = -1
	s.pi[root] = 0
	s.succNum[root] = int32(nn)
	s.lastSucc[root] = int32(n - 1)
	s.thread[root] = 0
	s.revThread[0] = root
	if n == 0 {
		s.lastSucc[root] = root
		s.thread[root] = root
	}
	for u := range n {
		e := m + u
		s.parent[u] = root
		s.pred[u] = int32(e)
		s.thread[u] = int32(u + 1)
		s.revThread[u+1] = int32(u)
		s.succNum[u] = 1
		s.lastSucc[u] = int32(u)
		s.capa[e] = Inf
		s.state[e] = stateTree
		if sup := g.Supply[u]; sup >= 0 {
			s.dir[u] = dirUp
			s.pi[u] = 0
			s.src[e], s.tgt[e] = int32(u), root
			s.flow[e] = sup
			s.cost[e] = 0
		} else {
			s.dir[u] = dirDown
			s.pi[u] = s.artCost
			s.src[e], s.tgt[e] = root, int32(u)
			s.flow[e] = -sup
			s.cost[e] = s.artCost
		}
	}
	if n > 0 {
		s.thread[n-1] = root
		s.revThread[root] = int32(n - 1)
	}
	s.blockSize = max(int(math.Sqrt(float64(m))), 10)
	s.nextArc = 0
	s.pivots = 0
}

// findEntering returns an arc with negative signed reduced cost by block
// search, or -1 when none exists (the basis is optimal).
func (s *netSimplex) findEntering() int {
	m := s.m
	if m == 0 {
		return -1
	}
	cost, src, tgt, state, pi := s.cost[:m], s.src[:m], s.tgt[:m], s.state[:m], s.pi
	var best int64
	bestArc := -1
	cnt := s.blockSize
	e := s.nextArc
	for range m {
		// Tree arcs have state 0, so c = 0 for them without a branch.
		c := int64(state[e]) * (cost[e] + pi[src[e]] - pi[tgt[e]])
		if c < best {
			best, bestArc = c, e
		}
		e++
		if e == m {
			e = 0
		}
		cnt--
		if cnt == 0 {
			if best < 0 {
				s.nextArc = e
				return bestArc
			}
			cnt = s.blockSize
		}
	}
	if best < 0 {
		s.nextArc = e
		return bestArc
	}
	return -1
}

// run pivots until the basis is optimal. It polls ctx every 4096 pivots.
func (s *netSimplex) run(ctx context.Context) error {
	_, err := s.runLimit(ctx, 0)
	return err
}

// runLimit is run with at most maxPivots pivots (0: no limit). It reports
// whether the basis reached optimality; a stopped basis is still a
// feasible flow if the starting one was.
func (s *netSimplex) runLimit(ctx context.Context, maxPivots int64) (bool, error) {
	start := s.pivots
	for {
		if maxPivots > 0 && s.pivots-start >= maxPivots {
			return false, nil
		}
		in := s.findEntering()
		if in < 0 {
			break
		}
		if err := s.pivot(int32(in)); err != nil {
			return false, err
		}
		s.pivots++
		if s.pivots&4095 == 0 {
			if err := ctx.Err(); err != nil {
				return false, err
			}
		}
	}
	for u := range s.n {
		if s.flow[s.m+u] != 0 {
			return false, ErrInfeasible
		}
	}
	return true, nil
}

// pivot brings arc in into the basis.
func (s *netSimplex) pivot(in int32) error {
	parent, pred, dir, flow, capa := s.parent, s.pred, s.dir, s.flow, s.capa
	// Join node: the apex of the cycle.
	u, v := s.src[in], s.tgt[in]
	for u != v {
		if s.succNum[u] < s.succNum[v] {
			u = parent[u]
		} else {
			v = parent[v]
		}
	}
	join := u

	// Leaving arc. Flow is pushed from first to second along the entering arc.
	first, second := s.src[in], s.tgt[in]
	if s.state[in] == stateUpper {
		first, second = second, first
	}
	delta := capa[in]
	result := 0
	var uOut int32 = -1
	for u := first; u != join; u = parent[u] {
		e := pred[u]
		d := flow[e]
		if dir[u] == dirDown {
			if c := capa[e]; c == Inf {
				d = Inf
			} else {
				d = c - d
			}
		}
		if d < delta {
			delta, uOut, result = d, u, 1
		}
	}
	for u := second; u != join; u = parent[u] {
		e := pred[u]
		d := flow[e]
		if dir[u] == dirUp {
			if c := capa[e]; c == Inf {
				d = Inf
			} else {
				d = c - d
			}
		}
		if d <= delta {
			delta, uOut, result = d, u, 2
		}
	}
	if delta == Inf {
		return ErrUnbounded
	}

	// Push delta around the cycle.
	if delta > 0 {
		val := int64(s.state[in]) * delta
		flow[in] += val
		for u := s.src[in]; u != join; u = parent[u] {
			flow[pred[u]] -= int64(dir[u]) * val
		}
		for u := s.tgt[in]; u != join; u = parent[u] {
			flow[pred[u]] += int64(dir[u]) * val
		}
	}
	if result == 0 {
		s.state[in] = -s.state[in]
		return nil
	}
	s.state[in] = stateTree
	if out := pred[uOut]; flow[out] == 0 {
		s.state[out] = stateLower
	} else {
		s.state[out] = stateUpper
	}
	uIn, vIn := first, second
	if result == 2 {
		uIn, vIn = second, first
	}
	s.updateTree(in, uIn, vIn, uOut, join)
	// Shift the potentials of the moved subtree so that in gets reduced cost 0.
	sigma := s.pi[vIn] - s.pi[uIn] - int64(s.dir[uIn])*s.cost[in]
	w := uIn
	for range s.succNum[uIn] {
		s.pi[w] += sigma
		w = s.thread[w]
	}
	return nil
}

// updateTree re-hangs the subtree below uOut from vIn through the entering
// arc in, reversing the tree path uIn … uOut. The thread of the moved block
// is rebuilt from at most two contiguous pieces per path node: the new
// preorder lists the old subtree of w0 = uIn, then the old subtree of w1
// without that of w0, and so on up to uOut.
func (s *netSimplex) updateTree(in, uIn, vIn, uOut, join int32) {
	parent, thread, rev, succ, last := s.parent, s.thread, s.revThread, s.succNum, s.lastSucc

	path := s.path[:0]
	for u := uIn; ; u = parent[u] {
		path = append(path, u)
		if u == uOut {
			break
		}
	}
	pieces := s.pieces[:0]
	pieces = append(pieces, path[0], last[path[0]])
	for i := 1; i < len(path); i++ {
		w, c := path[i], path[i-1]
		pieces = append(pieces, w, rev[c])
		if last[c] != last[w] {
			pieces = append(pieces, thread[last[c]], last[w])
		}
	}
	s.path, s.pieces = path, pieces
	blockFirst, blockLast := uIn, pieces[len(pieces)-1]
	oldLast := last[uOut]
	size := succ[uOut]
	oldParent := parent[uOut]

	// Cut the block out of the thread.
	before, after := rev[uOut], thread[oldLast]
	thread[before] = after
	rev[after] = before
	for a := oldParent; a >= 0 && last[a] == oldLast; a = parent[a] {
		last[a] = before
	}
	// Chain the pieces in their new order.
	for p := 1; p+1 < len(pieces); p += 2 {
		l, f := pieces[p], pieces[p+1]
		thread[l] = f
		rev[f] = l
	}
	// Insert the block right after vIn.
	next := thread[vIn]
	thread[vIn] = blockFirst
	rev[blockFirst] = vIn
	thread[blockLast] = next
	rev[next] = blockLast
	for a := vIn; a >= 0 && last[a] == vIn; a = parent[a] {
		last[a] = blockLast
	}

	// Subtree sizes and last successors along the reversed path.
	k := len(path) - 1
	var acc int32
	for i := k; i >= 1; i-- {
		acc += succ[path[i]] - succ[path[i-1]]
		succ[path[i]] = acc
		last[path[i]] = blockLast
	}
	succ[path[0]] = size
	last[path[0]] = blockLast

	// Parents, tree arcs and their directions along the reversed path.
	prevPred, prevDir := s.pred[uIn], s.dir[uIn]
	s.pred[uIn] = in
	parent[uIn] = vIn
	if uIn == s.src[in] {
		s.dir[uIn] = dirUp
	} else {
		s.dir[uIn] = dirDown
	}
	for i := 1; i <= k; i++ {
		w := path[i]
		op, od := s.pred[w], s.dir[w]
		s.pred[w] = prevPred
		s.dir[w] = -prevDir
		parent[w] = path[i-1]
		prevPred, prevDir = op, od
	}

	for a := oldParent; a != join; a = parent[a] {
		succ[a] -= size
	}
	for a := vIn; a != join; a = parent[a] {
		succ[a] += size
	}
}

// setCost changes the cost of real arc a. Call repotential before run.
func (s *netSimplex) setCost(a int, c int64) { s.cost[a] = c }

// repotential recomputes the potentials from the tree after cost changes,
// walking the thread so that each parent comes before its children.
func (s *netSimplex) repotential() {
	root := int32(s.n)
	s.pi[root] = 0
	for u := s.thread[root]; u != root; u = s.thread[u] {
		e, p := s.pred[u], s.parent[u]
		if s.dir[u] == dirUp {
			s.pi[u] = s.pi[p] - s.cost[e]
		} else {
			s.pi[u] = s.pi[p] + s.cost[e]
		}
	}
}

// copyFrom makes s an exact copy of o's basis and flow (same network).
func (s *netSimplex) copyFrom(o *netSimplex) {
	s.artCost = o.artCost
	all := o.m + o.n
	s.src = append(s.src[:0], o.src[:all]...)
	s.tgt = append(s.tgt[:0], o.tgt[:all]...)
	s.capa = append(s.capa[:0], o.capa[:all]...)
	s.cost = append(s.cost[:0], o.cost[:all]...)
	s.copyBasis(o)
	s.blockSize, s.pivots = o.blockSize, o.pivots
}

// copyBasis copies o's flow, arc states, tree and potentials into s,
// which must hold the same network with the same costs (capacities,
// endpoints and costs are not copied).
func (s *netSimplex) copyBasis(o *netSimplex) {
	s.n, s.m = o.n, o.m
	all, nn := o.m+o.n, o.n+1
	s.flow = append(s.flow[:0], o.flow[:all]...)
	s.state = append(s.state[:0], o.state[:all]...)
	s.pi = append(s.pi[:0], o.pi[:nn]...)
	s.parent = append(s.parent[:0], o.parent[:nn]...)
	s.pred = append(s.pred[:0], o.pred[:nn]...)
	s.dir = append(s.dir[:0], o.dir[:nn]...)
	s.thread = append(s.thread[:0], o.thread[:nn]...)
	s.revThread = append(s.revThread[:0], o.revThread[:nn]...)
	s.succNum = append(s.succNum[:0], o.succNum[:nn]...)
	s.lastSucc = append(s.lastSucc[:0], o.lastSucc[:nn]...)
	s.nextArc = o.nextArc
}

// totalCost returns Σ flow·cost over the real arcs.
func (s *netSimplex) totalCost() int64 {
	var c int64
	for a := range s.m {
		c += s.flow[a] * s.cost[a]
	}
	return c
}

// result copies the flow and the potentials (in the convention of Flow)
// into a new Flow.
func (s *netSimplex) result() *Flow {
	f := &Flow{
		Flow:      append([]int64(nil), s.flow[:s.m]...),
		Potential: make([]int64, s.n),
		Cost:      s.totalCost(),
		Pivots:    s.pivots,
	}
	for u := range s.n {
		f.Potential[u] = -s.pi[u]
	}
	return f
}

// NetworkSimplex returns a min-cost flow of g by the primal network simplex
// with block-search pivoting. It returns ErrInfeasible or ErrUnbounded for
// such networks, ctx's error when canceled, and an error from Check for a
// malformed network.
func NetworkSimplex(ctx context.Context, g *Network) (*Flow, error) {
	if err := g.Check(); err != nil {
		return nil, err
	}
	var s netSimplex
	s.init(g)
	if err := s.run(ctx); err != nil {
		return nil, err
	}
	return s.result(), nil
}
