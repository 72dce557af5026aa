package vrp

import "math"

// swapStarCache holds, per route and stop, the three cheapest positions to
// insert the stop into the route by distance (Vidal 2022, "Hybrid genetic
// search for the CVRP: open-source implementation and SWAP* neighborhood",
// Section 5), recomputed only when the route changed since.
type swapStarCache struct {
	enabled bool
	n       int
	cost    []float64 // [(r*n+u)*3+k]
	after   []int32   // insertion after this node
	stamp   []int64   // [r*n+u]: ls.moves when computed; 0 never
	lastRun []int64   // per route: ls.moves at its last SWAP* test
	x, y    []float64 // node coordinates for polar sectors
}

func (c *swapStarCache) init(ls *localSearch) {
	m := ls.m
	// The insertion cache holds 3 positions per (route, stop); above 10^7
	// pairs it would take hundreds of megabytes, and SWAP* is left out.
	c.enabled = !ls.opt.NoSwapStar && ls.R*m.n <= 1e7
	if !c.enabled {
		return
	}
	c.n = m.n
	c.cost = make([]float64, ls.R*m.n*3)
	c.after = make([]int32, ls.R*m.n*3)
	c.stamp = make([]int64, ls.R*m.n)
	c.lastRun = make([]int64, ls.R)
	for i := m.nd; i < m.n; i++ {
		t := &m.types[0]
		ls.angle[i] = polar(m.x[i], m.y[i], m.x[t.start], m.y[t.start])
	}
}

// sector recomputes the polar sector covering route r's stops, growing it
// point by point toward the nearer side.
func (ls *localSearch) sector(r int32) {
	first := true
	var lo, hi int32
	for x := ls.next[ls.start(r)]; ls.isStop(x); x = ls.next[x] {
		a := ls.angle[x]
		if first {
			lo, hi, first = a, a, false
			continue
		}
		if posMod(a-lo) <= posMod(hi-lo) {
			continue
		}
		if posMod(a-hi) <= posMod(lo-a) {
			hi = a
		} else {
			lo = a
		}
	}
	ls.secLo[r], ls.secHi[r] = lo, hi
}

func posMod(a int32) int32 { return ((a % 65536) + 65536) % 65536 }

// overlap reports whether the polar sectors of routes a and b intersect.
func (ls *localSearch) overlap(a, b int32) bool {
	return posMod(ls.secLo[b]-ls.secLo[a]) <= posMod(ls.secHi[a]-ls.secLo[a]) ||
		posMod(ls.secLo[a]-ls.secLo[b]) <= posMod(ls.secHi[b]-ls.secLo[b])
}

// swapStarPass runs SWAP* on every pair of non-empty routes whose sectors
// overlap and one of which changed since the pair was last tested.
func (ls *localSearch) swapStarPass() bool {
	improved := false
	for r1 := range int32(ls.R) {
		if ls.rsize[r1] == 0 {
			continue
		}
		if ls.ctx != nil && ls.ctx.Err() != nil {
			return false
		}
		last := ls.star.lastRun[r1]
		ls.star.lastRun[r1] = ls.moves
		for r2 := r1 + 1; r2 < int32(ls.R); r2++ {
			if ls.rsize[r2] == 0 || ls.rsize[r1] == 0 {
				continue
			}
			if max(ls.lastMod[r1], ls.lastMod[r2]) <= last {
				continue
			}
			if ls.overlap(r1, r2) && ls.swapStar(r1, r2) {
				improved = true
			}
		}
	}
	return improved
}

// preprocess fills the top-3 insertion positions of every stop of route
// from into route into, unless still valid.
func (ls *localSearch) preprocess(into, from int32) {
	c := &ls.star
	n := c.n
	cpd := ls.m.types[ls.rtype[into]].cpd
	sym := ls.m.symmetric
	for u := ls.next[ls.start(from)]; ls.isStop(u); u = ls.next[u] {
		ls.remove[u] = ls.d(from, ls.prev[u], ls.next[u]) - ls.d(from, ls.prev[u], u) - ls.d(from, u, ls.next[u])
		k := int(into)*n + int(u)
		if c.stamp[k] > ls.lastMod[into] {
			continue
		}
		c.stamp[k] = ls.moves + 1
		b := k * 3
		c0, c1, c2 := math.Inf(1), math.Inf(1), math.Inf(1)
		a0, a1, a2 := int32(-1), int32(-1), int32(-1)
		s := ls.start(into)
		var row []int32
		if sym && ls.dm32 != nil {
			row = ls.dm32[int(u)*ls.stride : (int(u)+1)*ls.stride]
		}
		dPU := ls.d(into, s, u)
		if row != nil {
			dPU = int64(row[ls.loc[s]])
		}
		for p := s; p == s || ls.isStop(p); {
			q := ls.next[p]
			var dUQ int64
			if row != nil {
				dUQ = int64(row[ls.loc[q]])
			} else {
				dUQ = ls.d(into, u, q)
			}
			cost := cpd * float64(dPU+dUQ-(ls.cum[q]-ls.cum[p]))
			if cost < c2 {
				switch {
				case cost < c0:
					c2, a2, c1, a1 = c1, a1, c0, a0
					c0, a0 = cost, p
				case cost < c1:
					c2, a2 = c1, a1
					c1, a1 = cost, p
				default:
					c2, a2 = cost, p
				}
			}
			p = q
			if ls.isStop(q) {
				if row != nil {
					dPU = int64(row[ls.loc[q]])
				} else {
					dPU = ls.d(into, q, u)
				}
			}
		}
		c.cost[b], c.cost[b+1], c.cost[b+2] = c0, c1, c2
		c.after[b], c.after[b+1], c.after[b+2] = a0, a1, a2
	}
}

// cheapestInsert is the cheapest insertion of u into v's route when v is
// removed at the same time: one of u's three cached positions not next to
// v, or v's own place. It returns the cost and the node to insert after.
func (ls *localSearch) cheapestInsert(u, v int32) (float64, int32) {
	c := &ls.star
	rv := ls.route[v]
	pv, nv := ls.prev[v], ls.next[v]
	cpd := ls.m.types[ls.rtype[rv]].cpd
	best := cpd * float64(ls.d(rv, pv, u)+ls.d(rv, u, nv)-ls.d(rv, pv, nv))
	after := pv
	b := (int(rv)*c.n + int(u)) * 3
	for j := range 3 {
		p := c.after[b+j]
		if p < 0 {
			break
		}
		if p != v && ls.next[p] != v && c.cost[b+j] < best {
			best, after = c.cost[b+j], p
		}
	}
	return best, after
}

// loadPenaltyDelta is the change of route r's load penalty when demand of
// stop out leaves and of stop in arrives.
func (ls *localSearch) loadPenaltyDelta(r, out, in int32) float64 {
	m := ls.m
	t := &m.types[ls.rtype[r]]
	s := ls.total(r)
	var d float64
	for k := range m.dims {
		old := s.load[k]
		nw := old - m.demand[int(out)*m.dims+k] + m.demand[int(in)*m.dims+k]
		d += ls.pen.load[k] * float64(max(nw-t.cap[k], 0)-max(old-t.cap[k], 0))
	}
	return d
}

// swapStar finds the best exchange of a stop u of r1 with a stop v of r2,
// each reinserted at its best position in the other route, priced by
// distance and load as in HGS-CVRP; the best candidate is then priced
// exactly with every constraint and applied if it improves.
func (ls *localSearch) swapStar(r1, r2 int32) bool {
	ls.preprocess(r2, r1)
	ls.preprocess(r1, r2)
	best := -epsilon
	var bu, bv, bpu, bpv int32 = -1, -1, -1, -1
	cpd1 := ls.m.types[ls.rtype[r1]].cpd
	cpd2 := ls.m.types[ls.rtype[r2]].cpd
	m := ls.m
	one := m.dims == 1
	var l1, l2, c1, c2, e1, e2 int64
	var pl float64
	if one {
		l1, l2 = ls.total(r1).load[0], ls.total(r2).load[0]
		c1, c2 = m.types[ls.rtype[r1]].cap[0], m.types[ls.rtype[r2]].cap[0]
		e1, e2 = max(l1-c1, 0), max(l2-c2, 0)
		pl = ls.pen.load[0]
	}
	for u := ls.next[ls.start(r1)]; ls.isStop(u); u = ls.next[u] {
		remU := cpd1 * float64(ls.remove[u])
		var du int64
		if one {
			du = m.demand[u]
		}
		for v := ls.next[ls.start(r2)]; ls.isStop(v); v = ls.next[v] {
			remV := cpd2 * float64(ls.remove[v])
			var cost float64
			if one {
				dv := m.demand[v]
				cost = remU + remV + pl*float64(max(l1-du+dv-c1, 0)-e1+max(l2-dv+du-c2, 0)-e2)
			} else {
				cost = remU + remV + ls.loadPenaltyDelta(r1, u, v) + ls.loadPenaltyDelta(r2, v, u)
			}
			if cost >= best { // insertions cost >= 0 under the triangle inequality
				continue
			}
			insU, pu := ls.cheapestInsert(u, v)
			insV, pv := ls.cheapestInsert(v, u)
			cost += insU + insV
			if cost < best {
				best, bu, bv, bpu, bpv = cost, u, v, pu, pv
			}
		}
	}
	if bu < 0 {
		return false
	}
	// Exact price: rebuild both routes.
	n1 := ls.rebuiltCost(r1, bu, bv, bpv)
	n2 := ls.rebuiltCost(r2, bv, bu, bpu)
	if n1+n2-ls.rcost[r1]-ls.rcost[r2] > -epsilon {
		return false
	}
	ls.unlink(bu)
	ls.unlink(bv)
	ls.linkAfter(bv, bpv)
	ls.linkAfter(bu, bpu)
	ls.moved(r1, r2)
	return true
}

// rebuiltCost prices route r with stop out removed and stop in inserted
// after node after (a node of r other than out), in O(len).
func (ls *localSearch) rebuiltCost(r, out, in, after int32) float64 {
	m := ls.m
	t := &m.types[ls.rtype[r]]
	s := ls.fwd[ls.start(r)]
	if after == ls.start(r) {
		s = ls.cat2(r, &s, &ls.nodeSeg[in])
	}
	for x := ls.next[ls.start(r)]; ls.isStop(x); x = ls.next[x] {
		if x != out {
			s = ls.cat2(r, &s, &ls.nodeSeg[x])
		}
		if x == after {
			s = ls.cat2(r, &s, &ls.nodeSeg[in])
		}
	}
	e := m.depotSeg(t, m.endNode(t))
	s = ls.cat2(r, &s, &e)
	return ls.cost(r, &s, ls.rsize[r])
}
