package vrp

import (
	"context"
	"math"
	"math/rand/v2"
)

// epsilon is the least absolute cost decrease a move must bring to be
// applied, and relEps the least relative one: a move is an improvement
// only when it lowers the cost it changes by more than tol of that cost.
// Costs are sums of float64 terms, so a delta computed from routes costing
// about 1e10 (huge penalties or fixed costs) carries rounding noise of
// about 1e-6; an absolute threshold then accepts a move and its inverse
// both as gains and the search cycles. relEps is far above that noise
// (2.2e-16 per operation over a few terms) and far below any saving worth
// having (1 cost unit in 1e10).
const (
	epsilon = 1e-6
	relEps  = 1e-10
)

// tol is the least decrease that improves a cost of magnitude c: more than
// the rounding noise of sums at that magnitude.
func tol(c float64) float64 { return epsilon + relEps*math.Abs(c) }

// improves reports whether a move changing a cost of old by delta lowers
// it by more than rounding noise.
func improves(delta, old float64) bool { return delta < -tol(old) }

// before is the current cost of routes ru and rv (one route when equal).
func (ls *localSearch) before(ru, rv int32) float64 {
	if ru == rv {
		return ls.rcost[ru]
	}
	return ls.rcost[ru] + ls.rcost[rv]
}

// prunes reports whether a lower bound lb on the new cost of what now
// costs old rules out an improvement.
func prunes(lb, old float64) bool { return lb >= old-tol(old) }

// localSearch improves a plan by the granular neighbourhood of HGS
// (Vidal 2022, Section 4): for each stop u in random order and each v among
// u's granular neighbours it tries relocate (ls_relocate.go), swap
// (ls_swap.go), 2-opt (ls_twoopt.go) and 2-opt* (ls_twooptstar.go), applying
// the first improving move; then SWAP* (swapstar.go) over route pairs whose
// polar sectors overlap; until no move improves. Routes are doubly linked
// lists over node slots: stops keep their model index, route r has the
// sentinels n+2r (start) and n+2r+1 (end). Each node holds the prefix
// segment from its route's start and the suffix segment to its end, so that
// an inter-route move costs O(dims) to price.
type localSearch struct {
	m        *model
	opt      *Options
	pen      penalties
	R        int     // vehicle slots
	stride   int     // matrix row length
	loc      []int32 // node slot → matrix row
	next     []int32
	prev     []int32
	route    []int32 // -1 for an unserved stop
	pos      []int32 // 0 for the start sentinel
	cumRev   []int64 // distance of the prefix driven backwards, for asymmetric 2-opt (kept only then)
	cum      []int64 // distance of the prefix (fwd[x].dist, kept apart for cache)
	fwd      []seg   // prefix: start sentinel .. node
	bwd      []seg   // suffix: node .. end sentinel
	nodeSeg  []seg   // per stop
	rcost    []float64
	rsize    []int32
	rtype    []int32
	rprof    []int32
	rcpd     []float64 // per route: its type's cost per distance unit
	lastMod  []int64   // per route: move counter when last changed
	tested   []int64   // per stop: move counter when last tested
	moves    int64
	nb       [][]int32 // granular neighbours per stop
	order    []int32
	scratch  []int32
	dm0      []int64 // the distance matrix when there is one profile
	dm32     []int32 // the same in half the memory when it fits, in m.rank order (for d)
	ploc     []int32 // node slot → row of dm32
	remove   []int64 // per stop: distance change of removing it (kept by update)
	uc       uSide
	idle     []int32 // per vehicle type: an empty slot, for swapVehicles
	rng      *rand.Rand
	ctx      context.Context // polled every 16 stops and every SWAP* route; nil: never
	star     swapStarCache
	angle    []int32 // polar angle of each stop around its depot, in [0, 65536)
	secLo    []int32 // per route: polar sector start
	secHi    []int32 // per route: polar sector end (may wrap past 65536)
	secDirty []bool  // per route: changed since its sector was computed
	empty    []int32 // emptyRoutes: first empty route of each type
	emptyAt  int64   // ls.moves when empty was listed
	// localized makes the first pass of run skip, like the later ones,
	// the pairs of stops whose routes have not changed since the stop was
	// last tested (after mutate: only what the mutation changed).
	localized bool
}

func newLocalSearch(m *model, opt *Options, nb [][]int32, rng *rand.Rand) *localSearch {
	R := len(m.slotType)
	nn := m.n + 2*R
	ls := &localSearch{m: m, opt: opt, R: R, stride: m.n + 1, nb: nb, rng: rng}
	ls.loc = make([]int32, nn)
	ls.next = make([]int32, nn)
	ls.prev = make([]int32, nn)
	ls.route = make([]int32, nn)
	ls.pos = make([]int32, nn)
	ls.cumRev = make([]int64, nn)
	ls.cum = make([]int64, nn)
	ls.fwd = make([]seg, nn)
	ls.bwd = make([]seg, nn)
	ls.nodeSeg = make([]seg, m.n)
	ls.rcost = make([]float64, R)
	ls.rsize = make([]int32, R)
	ls.rtype = make([]int32, R)
	ls.rprof = make([]int32, R)
	ls.rcpd = make([]float64, R)
	ls.lastMod = make([]int64, R)
	ls.tested = make([]int64, m.n)
	ls.scratch = make([]int32, 0, m.n)
	ls.angle = make([]int32, m.n)
	ls.remove = make([]int64, m.n)
	if len(m.dist) == 1 {
		ls.dm0 = m.dist[0]
		ls.dm32 = m.dist32
	}
	ls.ploc = make([]int32, nn)
	ls.secLo = make([]int32, R)
	ls.secHi = make([]int32, R)
	ls.secDirty = make([]bool, R)
	ls.empty = make([]int32, 0, R)
	ls.emptyAt = -1
	for i := range m.n {
		ls.loc[i] = int32(i)
		if i >= m.nd {
			ls.nodeSeg[i] = m.nodeSeg(int32(i))
			if m.fits[i] {
				ls.order = append(ls.order, int32(i))
			}
		}
	}
	for r := range R {
		t := &m.types[m.slotType[r]]
		ls.rtype[r] = m.slotType[r]
		ls.rprof[r] = t.prof
		ls.rcpd[r] = t.cpd
		s, e := ls.start(int32(r)), ls.end(int32(r))
		ls.loc[s], ls.loc[e] = t.start, m.endNode(t)
		ls.route[s], ls.route[e] = int32(r), int32(r)
	}
	for x := range nn {
		ls.ploc[x] = ls.loc[x]
		if m.rank != nil {
			ls.ploc[x] = m.rank[ls.loc[x]]
		}
	}
	ls.star.init(ls)
	return ls
}

func (ls *localSearch) start(r int32) int32 { return int32(ls.m.n) + 2*r }
func (ls *localSearch) end(r int32) int32   { return int32(ls.m.n) + 2*r + 1 }
func (ls *localSearch) isStop(x int32) bool { return x < int32(ls.m.n) }

// d is the distance from node slot a to b on route r's profile.
func (ls *localSearch) d(r, a, b int32) int64 {
	if ls.dm32 != nil {
		return int64(ls.dm32[int(ls.ploc[a])*ls.stride+int(ls.ploc[b])])
	}
	return ls.m.dist[ls.rprof[r]][int(ls.loc[a])*ls.stride+int(ls.loc[b])]
}

// load puts the plan p into the structure.
func (ls *localSearch) load(p *plan) {
	for _, i := range ls.order {
		ls.route[i] = -1
	}
	for r := range ls.R {
		s, e := ls.start(int32(r)), ls.end(int32(r))
		last := s
		for _, i := range p.routes[r] {
			ls.next[last], ls.prev[i] = i, last
			last = i
		}
		ls.next[last], ls.prev[e] = e, last
	}
	ls.moves++
	for r := range int32(ls.R) {
		ls.update(r)
		ls.lastMod[r] = ls.moves
	}
	for _, i := range ls.order {
		ls.tested[i] = -1
	}
}

// export writes the routes into p.
func (ls *localSearch) export(p *plan) {
	if len(p.routes) != ls.R {
		p.routes = make([][]int32, ls.R)
	}
	for r := range ls.R {
		p.routes[r] = p.routes[r][:0]
		for x := ls.next[ls.start(int32(r))]; ls.isStop(x); x = ls.next[x] {
			p.routes[r] = append(p.routes[r], x)
		}
	}
}

// update recomputes positions, prefix and suffix segments and the cost of
// route r in O(len·dims).
func (ls *localSearch) update(r int32) {
	m := ls.m
	t := &m.types[ls.rtype[r]]
	prof := ls.rprof[r]
	s, e := ls.start(r), ls.end(r)
	ls.fwd[s] = m.depotSeg(t, t.start)
	ls.cum[s] = 0
	ls.pos[s] = 0
	ls.cumRev[s] = 0
	ls.route[s] = r
	var size int32
	x := s
	for y := ls.next[s]; ; y = ls.next[y] {
		ls.route[y] = r
		ls.pos[y] = ls.pos[x] + 1
		if !m.symmetric {
			ls.cumRev[y] = ls.cumRev[x] + ls.d(r, y, x)
		}
		if y == e {
			es := m.depotSeg(t, m.endNode(t))
			ls.fwd[e] = m.concat(&ls.fwd[x], &es, prof)
			ls.cum[e] = ls.fwd[e].dist
			break
		}
		m.concatInto(&ls.fwd[y], &ls.fwd[x], &ls.nodeSeg[y], prof)
		ls.cum[y] = ls.fwd[y].dist
		size++
		x = y
	}
	ls.bwd[e] = m.depotSeg(t, m.endNode(t))
	for y := ls.prev[e]; ; y = ls.prev[y] {
		if y == s {
			ls.bwd[s] = ls.fwd[e]
			break
		}
		nx, px := ls.next[y], ls.prev[y]
		if m.hasTime {
			m.concatInto(&ls.bwd[y], &ls.nodeSeg[y], &ls.bwd[nx], prof)
		} else {
			// The arc y → nx is already in the prefix distances.
			b, nb, ns := &ls.bwd[y], &ls.bwd[nx], &ls.nodeSeg[y]
			b.first, b.last = ns.first, nb.last
			b.dist = nb.dist + (ls.cum[nx] - ls.cum[y])
			b.dur, b.tw, b.early, b.late = 0, 0, 0, 0
			b.skill = ns.skill | nb.skill
			for k := range maxDims {
				b.load[k] = ns.load[k] + nb.load[k]
			}
		}
		ls.remove[y] = ls.d(r, px, nx) - (ls.cum[nx] - ls.cum[px])
	}
	ls.rsize[r] = size
	ls.rcost[r] = ls.cost(r, &ls.fwd[e], size)
	ls.secDirty[r] = true
}

// cost is the penalised cost of route r if it were the segment s of size
// stops.
func (ls *localSearch) cost(r int32, s *seg, size int32) float64 {
	t := &ls.m.types[ls.rtype[r]]
	if size == 0 && len(t.prefix) == 0 {
		return 0 // an unused vehicle; one with a fixed sequence still drives home
	}
	c, _ := ls.m.routeCost(s, t, &ls.pen)
	return c
}

// cat2, cat3 and cat4 concatenate segments on route r's profile.
func (ls *localSearch) cat2(r int32, a, b *seg) seg { return ls.m.concat(a, b, ls.rprof[r]) }
func (ls *localSearch) cat3(r int32, a, b, c *seg) seg {
	s := ls.m.concat(a, b, ls.rprof[r])
	return ls.m.concat(&s, c, ls.rprof[r])
}
func (ls *localSearch) cat4(r int32, a, b, c, d *seg) seg {
	s := ls.m.concat(a, b, ls.rprof[r])
	ls.m.extend(&s, c, ls.rprof[r])
	return ls.m.concat(&s, d, ls.rprof[r])
}

// joined is, in a model without time, the segment made of the sequences
// a, b, c and d (c and d may be nil) whose total distance dist the move
// already knows from its arc changes: loads add and skills combine, as
// concatenation would give, without reading the matrix again. Only its
// distance, loads and skills are set, which is all routeCost reads then.
func joined(dist int64, a, b, c, d *seg) seg {
	s := seg{dist: dist, skill: a.skill | b.skill}
	for k := range maxDims {
		s.load[k] = a.load[k] + b.load[k]
	}
	if c != nil {
		s.skill |= c.skill
		for k := range maxDims {
			s.load[k] += c.load[k]
		}
	}
	if d != nil {
		s.skill |= d.skill
		for k := range maxDims {
			s.load[k] += d.load[k]
		}
	}
	return s
}

// total is route r's current whole segment.
func (ls *localSearch) total(r int32) *seg { return &ls.fwd[ls.end(r)] }

// bound is a lower bound on route r's cost at distance dist: its distance
// cost alone.
func (ls *localSearch) bound(r int32, dist int64) float64 {
	return ls.rcpd[r] * float64(dist)
}

// moved records that routes a and b changed and refreshes them.
func (ls *localSearch) moved(a, b int32) {
	ls.moves++
	ls.update(a)
	ls.lastMod[a] = ls.moves
	if b != a {
		ls.update(b)
		ls.lastMod[b] = ls.moves
	}
}

// unlink removes node x from its route's list (without updating data).
func (ls *localSearch) unlink(x int32) {
	p, n := ls.prev[x], ls.next[x]
	ls.next[p], ls.prev[n] = n, p
}

// linkAfter inserts node x after v (without updating data).
func (ls *localSearch) linkAfter(x, v int32) {
	n := ls.next[v]
	ls.next[v], ls.prev[x], ls.next[x], ls.prev[n] = x, v, n, x
}

// maxPasses bounds the passes of one local search: a safety net, never
// reached by a search whose moves price what they change (tens of passes
// suffice), so that a pricing bug cannot turn into a run that only a
// deadline ends.
const maxPasses = 1000

// run applies improving moves until none is left, ctx ends or maxPasses
// passes are made.
func (ls *localSearch) run() {
	ls.rng.Shuffle(len(ls.order), func(a, b int) { ls.order[a], ls.order[b] = ls.order[b], ls.order[a] })
	if !ls.localized {
		// A localized run tests a few stops; shuffling every list
		// (n·Granular draws) would cost more than its moves.
		for _, l := range ls.nb {
			ls.rng.Shuffle(len(l), func(a, b int) { l[a], l[b] = l[b], l[a] })
		}
	}
	for loop := 0; ; loop++ {
		improved := false
		for k, u := range ls.order {
			if k%16 == 15 && ls.ctx != nil && ls.ctx.Err() != nil {
				return
			}
			if ls.route[u] < 0 {
				if ls.tryInsertUnserved(u) {
					improved = true
				}
				continue
			}
			lastTest := ls.tested[u]
			ls.tested[u] = ls.moves
			for _, v := range ls.nb[u] {
				if ls.route[u] < 0 {
					break
				}
				if ls.route[v] < 0 {
					continue
				}
				if (loop > 0 || ls.localized) && max(ls.lastMod[ls.route[u]], ls.lastMod[ls.route[v]]) <= lastTest {
					continue
				}
				if ls.moveUV(u, v) {
					improved = true
					continue
				}
				if p := ls.prev[v]; !ls.isStop(p) && ls.moveUV(u, p) {
					improved = true
				}
			}
			if ls.route[u] >= 0 && (loop > 0 || ls.localized && ls.lastMod[ls.route[u]] > lastTest) {
				if ls.tryEmptyRoutes(u) {
					improved = true
				}
				if ls.tryRemove(u) {
					improved = true
				}
			}
		}
		if ls.star.enabled && ls.swapStarPass() {
			improved = true
		}
		if !ls.m.homog && ls.swapVehicles() {
			improved = true
		}
		if !improved || loop+1 >= maxPasses {
			break
		}
	}
}

// runLocalized is run with localized set: after mutate or settled, it
// tests only the pairs of stops where a route changed.
func (ls *localSearch) runLocalized() {
	ls.localized = true
	ls.run()
	ls.localized = false
}

// moveUV tries the node moves between u and v (v may be a start sentinel)
// and applies the first improving one.
func (ls *localSearch) moveUV(u, v int32) bool {
	if ls.relocate(u, v) || ls.relocatePair(u, v, false) || ls.relocatePair(u, v, true) {
		return true
	}
	if !ls.opt.NoSwap && ls.isStop(v) && (ls.swap(u, v) || ls.swapPair(u, v) || ls.swapPairs(u, v)) {
		return true
	}
	if ls.route[u] == ls.route[v] {
		return !ls.opt.NoTwoOpt && ls.isStop(v) && ls.twoOpt(u, v)
	}
	return !ls.opt.NoTwoOptStar && ls.twoOptStar(u, v)
}

// tryEmptyRoutes tries to move u (and u with its successor) into the first
// empty route of each vehicle type.
func (ls *localSearch) tryEmptyRoutes(u int32) bool {
	for _, r := range ls.emptyRoutes() {
		if ls.route[u] == r {
			continue
		}
		if ls.relocate(u, ls.start(r)) || ls.relocatePair(u, ls.start(r), false) || (!ls.opt.NoTwoOptStar && ls.twoOptStar(u, ls.start(r))) {
			return true
		}
	}
	return false
}

// emptyRoutes lists the first empty route of each vehicle type. The list
// is kept until the next applied move, so the O(R) scan runs once per
// move, not per stop.
func (ls *localSearch) emptyRoutes() []int32 {
	if ls.emptyAt != ls.moves {
		ls.empty = ls.empty[:0]
		seen := uint64(0)
		for r := range int32(ls.R) {
			if ls.rsize[r] != 0 {
				continue
			}
			t := ls.rtype[r]
			if t < 64 {
				if seen&(1<<uint(t)) != 0 {
					continue
				}
				seen |= 1 << uint(t)
			}
			ls.empty = append(ls.empty, r)
		}
		ls.emptyAt = ls.moves
	}
	return ls.empty
}

// tryRemove drops u from its route when its miss cost is below what it
// costs to serve (optional stops, or mandatory ones under huge penalties).
func (ls *localSearch) tryRemove(u int32) bool {
	m := ls.m
	miss := m.missCost(u)
	r := ls.route[u]
	if miss >= ls.rcost[r] {
		return false
	}
	p, x := ls.prev[u], ls.next[u]
	ns := ls.cat2(r, &ls.fwd[p], &ls.bwd[x])
	delta := ls.cost(r, &ns, ls.rsize[r]-1) - ls.rcost[r] + miss
	if !improves(delta, ls.rcost[r]+miss) {
		return false
	}
	ls.unlink(u)
	ls.route[u] = -1
	ls.moved(r, r)
	return true
}

// tryInsertUnserved inserts the unserved stop u at its best position after
// one of its neighbours or into an empty route, when that beats its miss
// cost.
func (ls *localSearch) tryInsertUnserved(u int32) bool {
	miss := ls.m.missCost(u)
	best, bestV := miss, int32(-1)
	try := func(v int32) {
		r := ls.route[v]
		ns := ls.cat3(r, &ls.fwd[v], &ls.nodeSeg[u], &ls.bwd[ls.next[v]])
		if c := ls.cost(r, &ns, ls.rsize[r]+1) - ls.rcost[r]; c < best && improves(c-miss, ls.rcost[r]+miss) {
			best, bestV = c, v
		}
	}
	for _, v := range ls.nb[u] {
		if ls.route[v] >= 0 {
			try(v)
			if p := ls.prev[v]; !ls.isStop(p) {
				try(p)
			}
		}
	}
	for r := range int32(ls.R) {
		if ls.rsize[r] == 0 {
			try(ls.start(r))
		}
	}
	if bestV < 0 {
		return false
	}
	r := ls.route[bestV]
	ls.linkAfter(u, bestV)
	ls.moved(r, r)
	return true
}

// between is the segment of the stops a..b (pos a <= pos b) of route r.
// Without time it costs O(dims) from prefix differences; with time
// O(b-a).
func (ls *localSearch) between(r, a, b int32) seg {
	m := ls.m
	if !m.hasTime {
		s := seg{first: ls.loc[a], last: ls.loc[b], dist: ls.fwd[b].dist - ls.fwd[a].dist}
		fb := &ls.fwd[b]
		pa := &ls.fwd[ls.prev[a]]
		for k := range m.dims {
			s.load[k] = fb.load[k] - pa.load[k]
		}
		if m.anySkill {
			s.skill = ls.skillBetween(a, b)
		}
		return s
	}
	s := ls.nodeSeg[a]
	for x := a; x != b; {
		x = ls.next[x]
		ls.m.extend(&s, &ls.nodeSeg[x], ls.rprof[r])
	}
	return s
}

// skillBetween ORs the skills required by stops a..b.
func (ls *localSearch) skillBetween(a, b int32) uint64 {
	var sk uint64
	for x := a; ; x = ls.next[x] {
		sk |= ls.m.skill[x]
		if x == b {
			return sk
		}
	}
}

// reversed is the segment of stops a..b of route r driven from b back to a.
func (ls *localSearch) reversed(r, a, b int32) seg {
	s := ls.nodeSeg[b]
	for x := b; x != a; {
		x = ls.prev[x]
		ls.m.extend(&s, &ls.nodeSeg[x], ls.rprof[r])
	}
	return s
}

// intraCostNoTime prices route r after a rearrangement of its own stops
// that changes its distance by delta, in a model without time: O(1).
func (ls *localSearch) intraCostNoTime(r int32, delta int64) float64 {
	s := *ls.total(r)
	s.dist += delta
	return ls.cost(r, &s, ls.rsize[r])
}

// fullCost returns the plan's penalised cost under the current penalties,
// with unserved stops at their miss cost.
func (ls *localSearch) fullCost() float64 {
	var c float64
	for r := range ls.R {
		c += ls.rcost[r]
	}
	for _, i := range ls.order {
		if ls.route[i] < 0 {
			c += ls.m.missCost(i)
		}
	}
	return c
}

// feasible reports whether every route is feasible and every mandatory
// stop served; loadOK and timeOK split the verdict by violation kind.
func (ls *localSearch) feasible() (all, loadOK, timeOK bool) {
	m := ls.m
	loadOK, timeOK = true, true
	for r := range int32(ls.R) {
		if ls.rsize[r] == 0 {
			continue
		}
		t := &m.types[ls.rtype[r]]
		s := ls.total(r)
		for k := range m.dims {
			if s.load[k] > t.cap[k] {
				loadOK = false
			}
		}
		if s.tw > 0 || s.dur > t.maxDur || s.dist > t.maxDist || s.skill&^t.skills != 0 {
			timeOK = false
		}
	}
	all = loadOK && timeOK
	for _, i := range ls.order {
		if ls.route[i] < 0 && m.penalty[i] == 0 {
			all = false
		}
	}
	return all, loadOK, timeOK
}

// polar returns the angle of point (x, y) around (cx, cy) in [0, 65536).
func polar(x, y, cx, cy float64) int32 {
	a := math.Atan2(y-cy, x-cx)
	v := int32(math.Round(a / (2 * math.Pi) * 65536))
	return ((v % 65536) + 65536) % 65536
}

// uSide caches the distances around stop u that every move from u reads:
// the arcs into and out of u and its successor x, and the shortcuts that
// remove them. Valid while no move has been applied since (ls.moves).
type uSide struct {
	u, moves               int64
	remove1, remove2, into int64 // Δ of removing u; of removing (u, x); cost of the arcs pu→u→x
}

// side returns the cached distances around u, recomputing them after any
// applied move.
func (ls *localSearch) side(u int32) *uSide {
	c := &ls.uc
	if c.u == int64(u) && c.moves == ls.moves {
		return c
	}
	r := ls.route[u]
	pu, x := ls.prev[u], ls.next[u]
	c.u, c.moves = int64(u), ls.moves
	c.into = ls.cum[x] - ls.cum[pu]
	c.remove1 = ls.remove[u]
	if ls.isStop(x) {
		x2 := ls.next[x]
		c.remove2 = ls.d(r, pu, x2) - (ls.cum[x2] - ls.cum[pu])
	}
	return c
}
