package vrp

// relocate moves stop u to just after v (a stop or a start sentinel), if
// that lowers the penalised cost. Inter-route: O(dims). Intra-route: O(1)
// without time, O(len) with it.
func (ls *localSearch) relocate(u, v int32) bool {
	pu, x := ls.prev[u], ls.next[u]
	if v == pu || v == u {
		return false
	}
	ru, rv := ls.route[u], ls.route[v]
	y := ls.next[v]
	var delta float64
	if ru != rv {
		dU := ls.side(u).remove1
		dV := ls.d(rv, v, u) + ls.d(rv, u, y) - (ls.cum[y] - ls.cum[v])
		lb := ls.bound(rv, ls.cum[ls.end(rv)]+dV)
		if ls.rsize[ru] > 1 {
			lb += ls.bound(ru, ls.cum[ls.end(ru)]+dU)
		}
		if prunes(lb, ls.rcost[ru]+ls.rcost[rv]) {
			return false
		}
		var nu, nv seg
		if ls.m.hasTime {
			nu = ls.cat2(ru, &ls.fwd[pu], &ls.bwd[x])
			nv = ls.cat3(rv, &ls.fwd[v], &ls.nodeSeg[u], &ls.bwd[y])
		} else {
			nu = joined(ls.cum[ls.end(ru)]+dU, &ls.fwd[pu], &ls.bwd[x], nil, nil)
			nv = joined(ls.cum[ls.end(rv)]+dV, &ls.fwd[v], &ls.nodeSeg[u], &ls.bwd[y], nil)
		}
		delta = ls.cost(ru, &nu, ls.rsize[ru]-1) + ls.cost(rv, &nv, ls.rsize[rv]+1) - ls.rcost[ru] - ls.rcost[rv]
	} else {
		r := ru
		dd := ls.remove[u] + ls.d(r, v, u) + ls.d(r, u, y) - (ls.cum[y] - ls.cum[v])
		if !ls.m.hasTime {
			if dd >= 0 {
				return false
			}
			delta = ls.intraCostNoTime(r, dd) - ls.rcost[r]
		} else {
			if prunes(ls.bound(r, ls.cum[ls.end(r)]+dd), ls.rcost[r]) {
				return false
			}
			var ns seg
			if ls.pos[u] < ls.pos[v] {
				mid := ls.between(r, x, v)
				ns = ls.cat4(r, &ls.fwd[pu], &mid, &ls.nodeSeg[u], &ls.bwd[y])
			} else {
				mid := ls.between(r, y, pu)
				ns = ls.cat4(r, &ls.fwd[v], &ls.nodeSeg[u], &mid, &ls.bwd[x])
			}
			delta = ls.cost(r, &ns, ls.rsize[r]) - ls.rcost[r]
		}
	}
	if !improves(delta, ls.before(ru, rv)) {
		return false
	}
	ls.unlink(u)
	ls.linkAfter(u, v)
	ls.moved(ru, rv)
	return true
}

// relocatePair moves the stops u and its successor x to just after v, in
// order (u, x) or, when rev, (x, u).
func (ls *localSearch) relocatePair(u, v int32, rev bool) bool {
	x := ls.next[u]
	if !ls.isStop(x) {
		return false
	}
	pu, x2 := ls.prev[u], ls.next[x]
	if v == pu || v == u || v == x {
		return false
	}
	ru, rv := ls.route[u], ls.route[v]
	y := ls.next[v]
	first, last := u, x
	if rev {
		first, last = x, u
	}
	var delta float64
	if ru != rv {
		dU := ls.side(u).remove2
		dV := ls.d(rv, v, first) + ls.d(rv, first, last) + ls.d(rv, last, y) - (ls.cum[y] - ls.cum[v])
		lb := ls.bound(rv, ls.cum[ls.end(rv)]+dV)
		if ls.rsize[ru] > 2 {
			lb += ls.bound(ru, ls.cum[ls.end(ru)]+dU)
		}
		if prunes(lb, ls.rcost[ru]+ls.rcost[rv]) {
			return false
		}
		var nu, nv seg
		if ls.m.hasTime {
			nu = ls.cat2(ru, &ls.fwd[pu], &ls.bwd[x2])
			pair := ls.cat2(rv, &ls.nodeSeg[first], &ls.nodeSeg[last])
			nv = ls.cat3(rv, &ls.fwd[v], &pair, &ls.bwd[y])
		} else {
			nu = joined(ls.cum[ls.end(ru)]+dU, &ls.fwd[pu], &ls.bwd[x2], nil, nil)
			nv = joined(ls.cum[ls.end(rv)]+dV, &ls.fwd[v], &ls.nodeSeg[first], &ls.nodeSeg[last], &ls.bwd[y])
		}
		delta = ls.cost(ru, &nu, ls.rsize[ru]-2) + ls.cost(rv, &nv, ls.rsize[rv]+2) - ls.rcost[ru] - ls.rcost[rv]
	} else {
		r := ru
		dd := ls.d(r, pu, x2) - (ls.cum[x2] - ls.cum[pu]) +
			ls.d(r, v, first) + ls.d(r, first, last) + ls.d(r, last, y) - (ls.cum[y] - ls.cum[v])
		if !ls.m.hasTime {
			if dd >= 0 {
				return false
			}
			delta = ls.intraCostNoTime(r, dd) - ls.rcost[r]
		} else {
			if prunes(ls.bound(r, ls.cum[ls.end(r)]+dd), ls.rcost[r]) {
				return false
			}
			pair := ls.cat2(r, &ls.nodeSeg[first], &ls.nodeSeg[last])
			var ns seg
			if ls.pos[u] < ls.pos[v] {
				mid := ls.between(r, x2, v)
				ns = ls.cat4(r, &ls.fwd[pu], &mid, &pair, &ls.bwd[y])
			} else {
				mid := ls.between(r, y, pu)
				ns = ls.cat4(r, &ls.fwd[v], &pair, &mid, &ls.bwd[x2])
			}
			delta = ls.cost(r, &ns, ls.rsize[r]) - ls.rcost[r]
		}
	}
	if !improves(delta, ls.before(ru, rv)) {
		return false
	}
	ls.unlink(u)
	ls.unlink(x)
	ls.linkAfter(first, v)
	ls.linkAfter(last, first)
	ls.moved(ru, rv)
	return true
}
