package vrp

// twoOptStar exchanges the tails of two routes (Potvin & Rousseau 1995):
// u's route continues after u with v's old tail and v's route after v with
// u's old tail. v may be a start sentinel. O(dims) when both vehicle types
// end alike, O(len) otherwise.
func (ls *localSearch) twoOptStar(u, v int32) bool {
	ru, rv := ls.route[u], ls.route[v]
	if ru == rv {
		return false
	}
	x, y := ls.next[u], ls.next[v]
	sizeU := ls.pos[u] + (ls.rsize[rv] - ls.pos[v])
	sizeV := ls.pos[v] + (ls.rsize[ru] - ls.pos[u])
	var nu, nv seg
	if ls.sameTail(ru, rv) {
		du := ls.cum[u] + ls.d(ru, u, y) + ls.cum[ls.end(rv)] - ls.cum[y]
		dv := ls.cum[v] + ls.d(rv, v, x) + ls.cum[ls.end(ru)] - ls.cum[x]
		lb := 0.0
		if sizeU > 0 {
			lb += ls.bound(ru, du)
		}
		if sizeV > 0 {
			lb += ls.bound(rv, dv)
		}
		if prunes(lb, ls.rcost[ru]+ls.rcost[rv]) {
			return false
		}
		if ls.m.hasTime {
			nu = ls.cat2(ru, &ls.fwd[u], &ls.bwd[y])
			nv = ls.cat2(rv, &ls.fwd[v], &ls.bwd[x])
		} else {
			nu = joined(du, &ls.fwd[u], &ls.bwd[y], nil, nil)
			nv = joined(dv, &ls.fwd[v], &ls.bwd[x], nil, nil)
		}
	} else {
		nu = ls.tailOnto(ru, u, y)
		nv = ls.tailOnto(rv, v, x)
	}
	delta := ls.cost(ru, &nu, sizeU) + ls.cost(rv, &nv, sizeV) - ls.rcost[ru] - ls.rcost[rv]
	if !improves(delta, ls.rcost[ru]+ls.rcost[rv]) {
		return false
	}
	eu, ev := ls.end(ru), ls.end(rv)
	lastU, lastV := ls.prev[eu], ls.prev[ev]
	if ls.isStop(y) {
		ls.next[u], ls.prev[y] = y, u
		ls.next[lastV], ls.prev[eu] = eu, lastV
	} else {
		ls.next[u], ls.prev[eu] = eu, u
	}
	if ls.isStop(x) {
		ls.next[v], ls.prev[x] = x, v
		ls.next[lastU], ls.prev[ev] = ev, lastU
	} else {
		ls.next[v], ls.prev[ev] = ev, v
	}
	ls.moved(ru, rv)
	return true
}

// sameTail reports whether suffix segments of route b are valid in route a:
// same profile, end node and end time window.
func (ls *localSearch) sameTail(a, b int32) bool {
	if ls.rtype[a] == ls.rtype[b] {
		return true
	}
	ta, tb := &ls.m.types[ls.rtype[a]], &ls.m.types[ls.rtype[b]]
	return ta.prof == tb.prof && ta.end == tb.end && ta.twOpen == tb.twOpen && ta.twClose == tb.twClose
}

// tailOnto is route r's prefix through p followed by the stops from y (of
// another route) to that route's end, then r's own end depot.
func (ls *localSearch) tailOnto(r, p, y int32) seg {
	s := ls.fwd[p]
	for ; ls.isStop(y); y = ls.next[y] {
		ls.m.extend(&s, &ls.nodeSeg[y], ls.rprof[r])
	}
	t := &ls.m.types[ls.rtype[r]]
	e := ls.m.depotSeg(t, ls.m.endNode(t))
	return ls.cat2(r, &s, &e)
}
