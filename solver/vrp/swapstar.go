package vrp

import "math"

// swapStarCache holds, per route and stop, the three cheapest positions to
// insert the stop into the route by distance (Vidal 2022, "Hybrid genetic
// search for the CVRP: open-source implementation and SWAP* neighborhood",
// Section 5), recomputed only when the route changed since. A stop u is
// filed under ls.ploc[u], its Hilbert rank when there is one, so that the
// entries of a route's stops, which lie near each other, share cache lines.
type swapStarCache struct {
	enabled  bool
	n        int
	cost     []float64 // [(r*n+ploc[u])*3+k]
	after    []int32   // insertion after this node
	stamp    []int64   // [r*n+ploc[u]]: ls.moves when computed; 0 never
	lastRun  []int64   // per route: ls.moves at its last SWAP* test
	node     []int32   // scratch of gather: a route's node slots in order
	loc      []int32   // their rows of ls.dm32
	arc      []int64   // arc lengths node[j] → node[j+1]
	vRem     []float64 // scratch of swapStarSym per stop of r2
	vDem     []int64
	vCut     []int64
	vTop     []top3Ins
	cand     []int32 // scratch of swapStarSym: v passing the first test
	candCost []float64
	x, y     []float64 // node coordinates for polar sectors
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
	c.node = make([]int32, m.n+2)
	c.loc = make([]int32, m.n+2)
	c.arc = make([]int64, m.n+2)
	c.vRem = make([]float64, m.n)
	c.vDem = make([]int64, m.n)
	c.vCut = make([]int64, m.n)
	c.vTop = make([]top3Ins, m.n)
	c.cand = make([]int32, m.n)
	c.candCost = make([]float64, m.n)
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

// posMod is a mod 65536 in [0, 65536): the low 16 bits in two's complement.
func posMod(a int32) int32 { return a & 0xFFFF }

// overlap reports whether the polar sectors of routes a and b intersect,
// first computing those of routes changed since their last.
func (ls *localSearch) overlap(a, b int32) bool {
	if ls.secDirty[a] {
		ls.sector(a)
		ls.secDirty[a] = false
	}
	if ls.secDirty[b] {
		ls.sector(b)
		ls.secDirty[b] = false
	}
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
// from into route into, unless still valid. Route into is first copied to
// flat arrays (node, matrix row, arc length per position) so that the scan
// per stop reads consecutive memory; with one symmetric int32 matrix it
// reads one distance row per stop, O(|into|) per stop either way.
func (ls *localSearch) preprocess(into, from int32) {
	c := &ls.star
	n := c.n
	lm := ls.lastMod[into]
	cpd := ls.m.types[ls.rtype[into]].cpd
	// The integer scan ranks positions as cpd·Δ would for a positive cpd.
	fast := ls.m.symmetric && ls.dm32 != nil && cpd >= 1e-300
	L := -1 // insertion positions of into, once gathered
	for u := ls.next[ls.start(from)]; ls.isStop(u); u = ls.next[u] {
		k := int(into)*n + int(ls.ploc[u])
		if c.stamp[k] > lm {
			continue
		}
		c.stamp[k] = ls.moves + 1
		if L < 0 {
			L = ls.gather(into)
		}
		var c0, c1, c2 float64
		var a0, a1, a2 int
		if fast {
			iu := int(ls.ploc[u])
			c0, c1, c2, a0, a1, a2 = top3Row(ls.dm32[iu*ls.stride:(iu+1)*ls.stride], c.loc[:L+1], c.arc[:L], cpd)
		} else {
			c0, c1, c2, a0, a1, a2 = ls.top3(into, u, L, cpd)
		}
		b := k * 3
		c.cost[b], c.cost[b+1], c.cost[b+2] = c0, c1, c2
		c.after[b], c.after[b+1], c.after[b+2] = c.nodeAt(a0), c.nodeAt(a1), c.nodeAt(a2)
	}
}

// top3Row returns the three cheapest insertion positions (indices into
// the gathered route, -1 for none) of the stop whose int32 distance row
// is row, with their costs cpd·(d(p,u) + d(u,q) - d(p,q)), first found
// first among equals; locs and arcs are the gathered rows and arc lengths.
func top3Row(row, locs []int32, arcs []int64, cpd float64) (c0, c1, c2 float64, a0, a1, a2 int) {
	const none = math.MaxInt64
	i0, i1, i2 := int64(none), int64(none), int64(none)
	a0, a1, a2 = -1, -1, -1
	locs = locs[:len(arcs)+1]
	dPU := int64(row[locs[0]])
	for j, arc := range arcs {
		dUQ := int64(row[locs[j+1]])
		x := dPU + dUQ - arc
		dPU = dUQ
		if x < i2 {
			switch {
			case x < i0:
				i2, a2, i1, a1 = i1, a1, i0, a0
				i0, a0 = x, j
			case x < i1:
				i2, a2 = i1, a1
				i1, a1 = x, j
			default:
				i2, a2 = x, j
			}
		}
	}
	cost := func(i int64, a int) float64 {
		if a < 0 {
			return math.Inf(1)
		}
		return cpd * float64(i)
	}
	return cost(i0, a0), cost(i1, a1), cost(i2, a2), a0, a1, a2
}

// top3 is top3Row for any model, by ls.d.
func (ls *localSearch) top3(into, u int32, L int, cpd float64) (c0, c1, c2 float64, a0, a1, a2 int) {
	c := &ls.star
	c0, c1, c2 = math.Inf(1), math.Inf(1), math.Inf(1)
	a0, a1, a2 = -1, -1, -1
	dPU := ls.d(into, c.node[0], u)
	for j, arc := range c.arc[:L] {
		dUQ := ls.d(into, u, c.node[j+1])
		cost := cpd * float64(dPU+dUQ-arc)
		if cost < c2 {
			switch {
			case cost < c0:
				c2, a2, c1, a1 = c1, a1, c0, a0
				c0, a0 = cost, j
			case cost < c1:
				c2, a2 = c1, a1
				c1, a1 = cost, j
			default:
				c2, a2 = cost, j
			}
		}
		if j+1 < L {
			dPU = ls.d(into, c.node[j+1], u)
		}
	}
	return c0, c1, c2, a0, a1, a2
}

// gather copies route r to the flat arrays of the cache: node[j] and its
// row of ls.dm32 loc[j] for its start sentinel, stops and end sentinel, arc[j] the length
// of the arc node[j] → node[j+1]. It returns the number of arcs.
func (ls *localSearch) gather(r int32) int {
	c := &ls.star
	j := 0
	for p := ls.start(r); ; p = ls.next[p] {
		c.node[j], c.loc[j] = p, ls.ploc[p]
		if !ls.isStop(p) && j > 0 {
			break
		}
		c.arc[j] = ls.cum[ls.next[p]] - ls.cum[p]
		j++
	}
	return j
}

// nodeAt is the gathered node at position j, or -1 for none.
func (c *swapStarCache) nodeAt(j int) int32 {
	if j < 0 {
		return -1
	}
	return c.node[j]
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
	b := (int(rv)*c.n + int(ls.ploc[u])) * 3
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
	var bu, bv, bpu, bpv int32
	if ls.m.symmetric && ls.dm32 != nil && ls.m.dims == 1 {
		bu, bv, bpu, bpv = ls.swapStarSym(r1, r2)
	} else {
		bu, bv, bpu, bpv = ls.swapStarAny(r1, r2)
	}
	if bu < 0 {
		return false
	}
	// Exact price: rebuild both routes.
	n1 := ls.rebuiltCost(r1, bu, bv, bpv)
	n2 := ls.rebuiltCost(r2, bv, bu, bpu)
	if !improves(n1+n2-ls.rcost[r1]-ls.rcost[r2], ls.rcost[r1]+ls.rcost[r2]) {
		return false
	}
	ls.unlink(bu)
	ls.unlink(bv)
	ls.linkAfter(bv, bpv)
	ls.linkAfter(bu, bpu)
	ls.moved(r1, r2)
	return true
}

// swapStarAny is the candidate search of swapStar for any model: the best
// stops u of r1 and v of r2 and the nodes to insert them after, or -1s.
func (ls *localSearch) swapStarAny(r1, r2 int32) (bu, bv, bpu, bpv int32) {
	best := -epsilon
	bu, bv, bpu, bpv = -1, -1, -1, -1
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
	return bu, bv, bpu, bpv
}

// swapStarSym is swapStarAny for one load dimension and one symmetric
// int32 matrix, with the same result: r2's stops are copied to flat arrays
// once, and for each u of r1 the distances it needs come from the rows of
// u and of its two neighbours, so the inner loop reads three rows and the
// flat arrays instead of scattered matrix entries.
func (ls *localSearch) swapStarSym(r1, r2 int32) (bu, bv, bpu, bpv int32) {
	best := -epsilon
	bu, bv, bpu, bpv = -1, -1, -1, -1
	m := ls.m
	c := &ls.star
	cpd1 := m.types[ls.rtype[r1]].cpd
	cpd2 := m.types[ls.rtype[r2]].cpd
	l1, l2 := ls.total(r1).load[0], ls.total(r2).load[0]
	c1, c2 := m.types[ls.rtype[r1]].cap[0], m.types[ls.rtype[r2]].cap[0]
	e1, e2 := max(l1-c1, 0), max(l2-c2, 0)
	pl := ls.pen.load[0]
	// r2's stops v: node, remove cost, demand, the rows of their
	// neighbours and the length of the shortcut pv → nv.
	L := ls.gather(r2)
	nv := L - 1
	vs, vloc := c.node[1:L], c.loc[:L+1]
	b2 := int(r2) * c.n * 3
	b1 := int(r1) * c.n * 3
	for j := range nv {
		v := vs[j]
		c.vRem[j] = cpd2 * float64(ls.remove[v])
		c.vDem[j] = m.demand[v]
		c.vCut[j] = ls.remove[v] + c.arc[j] + c.arc[j+1]
		ls.cachedTop3(b1+int(vloc[j+1])*3, &c.vTop[j])
	}
	vRem, vDem, vCut, vTop := c.vRem[:nv], c.vDem[:nv], c.vCut[:nv], c.vTop[:nv]
	stride := ls.stride
	dm := ls.dm32
	var tu top3Ins
	for u := ls.next[ls.start(r1)]; ls.isStop(u); u = ls.next[u] {
		remU := cpd1 * float64(ls.remove[u])
		du := m.demand[u]
		pu, nu := ls.prev[u], ls.next[u]
		iu, ip, in := int(ls.ploc[u]), int(ls.ploc[pu]), int(ls.ploc[nu])
		rowU := dm[iu*stride : (iu+1)*stride]
		rowP := dm[ip*stride : (ip+1)*stride]
		rowN := dm[in*stride : (in+1)*stride]
		cutU := ls.remove[u] + (ls.cum[nu] - ls.cum[pu])
		ls.cachedTop3(b2+iu*3, &tu)
		// First the v whose removal gains beat best without insertions
		// (which cost >= 0 under the triangle inequality), listed without
		// branches: most v fail, in no predictable pattern. best only
		// falls, so the loop below skips exactly the v that a test in
		// this loop would have skipped.
		cand := c.cand[:nv]
		k := 0
		for j := range nv {
			dv := vDem[j]
			cost := remU + vRem[j] + pl*float64(max(l1-du+dv-c1, 0)-e1+max(l2-dv+du-c2, 0)-e2)
			c.candCost[j] = cost
			cand[k] = int32(j)
			inc := 0
			if cost < best {
				inc = 1
			}
			k += inc
		}
		for _, j32 := range cand[:k] {
			j := int(j32)
			v := vs[j]
			cost := c.candCost[j]
			if cost >= best {
				continue
			}
			// u into r2 in v's place or a cached position not next to v.
			insU := cpd2 * float64(int64(rowU[vloc[j]])+int64(rowU[vloc[j+2]])-vCut[j])
			au := c.node[j]
			for k := range 3 {
				p := tu.after[k]
				if p < 0 {
					break
				}
				if p != v && tu.next[k] != v && tu.cost[k] < insU {
					insU, au = tu.cost[k], p
				}
			}
			// v into r1 in u's place or a cached position not next to u.
			iv := vloc[j+1]
			insV := cpd1 * float64(int64(rowP[iv])+int64(rowN[iv])-cutU)
			av := pu
			tv := &vTop[j]
			for k := range 3 {
				p := tv.after[k]
				if p < 0 {
					break
				}
				if p != u && tv.next[k] != u && tv.cost[k] < insV {
					insV, av = tv.cost[k], p
				}
			}
			cost += insU + insV
			if cost < best {
				best, bu, bv, bpu, bpv = cost, u, v, au, av
			}
		}
	}
	return bu, bv, bpu, bpv
}

// top3Ins is a stop's three cached insertion positions into one route
// (after -1 past the last), with the successor of each: a position next
// to the stop leaving that route is not valid.
type top3Ins struct {
	cost        [3]float64
	after, next [3]int32
}

// cachedTop3 copies the cache entries at b (of (route, stop)) to dst.
func (ls *localSearch) cachedTop3(b int, dst *top3Ins) {
	c := &ls.star
	for k := range 3 {
		p := c.after[b+k]
		dst.cost[k], dst.after[k], dst.next[k] = c.cost[b+k], p, -1
		if p >= 0 {
			dst.next[k] = ls.next[p]
		}
	}
}

// rebuiltCost prices route r with stop out removed and stop in inserted
// after node after (a node of r other than out), in O(len).
func (ls *localSearch) rebuiltCost(r, out, in, after int32) float64 {
	m := ls.m
	t := &m.types[ls.rtype[r]]
	s := ls.fwd[ls.start(r)]
	if after == ls.start(r) {
		ls.m.extend(&s, &ls.nodeSeg[in], ls.rprof[r])
	}
	for x := ls.next[ls.start(r)]; ls.isStop(x); x = ls.next[x] {
		if x != out {
			ls.m.extend(&s, &ls.nodeSeg[x], ls.rprof[r])
		}
		if x == after {
			ls.m.extend(&s, &ls.nodeSeg[in], ls.rprof[r])
		}
	}
	e := m.depotSeg(t, m.endNode(t))
	ls.m.extend(&s, &e, ls.rprof[r])
	return ls.cost(r, &s, ls.rsize[r])
}
