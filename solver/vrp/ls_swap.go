package vrp

// swap exchanges stops u and v, if that lowers the penalised cost.
func (ls *localSearch) swap(u, v int32) bool {
	if u == v {
		return false
	}
	ru, rv := ls.route[u], ls.route[v]
	pu, x, pv, y := ls.prev[u], ls.next[u], ls.prev[v], ls.next[v]
	var delta float64
	if ru != rv {
		dU := ls.d(ru, pu, v) + ls.d(ru, v, x) - ls.side(u).into
		dV := ls.d(rv, pv, u) + ls.d(rv, u, y) - (ls.cum[y] - ls.cum[pv])
		if prunes(ls.bound(ru, ls.cum[ls.end(ru)]+dU)+ls.bound(rv, ls.cum[ls.end(rv)]+dV), ls.rcost[ru]+ls.rcost[rv]) {
			return false
		}
		var nu, nv seg
		if ls.m.hasTime {
			nu = ls.cat3(ru, &ls.fwd[pu], &ls.nodeSeg[v], &ls.bwd[x])
			nv = ls.cat3(rv, &ls.fwd[pv], &ls.nodeSeg[u], &ls.bwd[y])
		} else {
			nu = joined(ls.cum[ls.end(ru)]+dU, &ls.fwd[pu], &ls.nodeSeg[v], &ls.bwd[x], nil)
			nv = joined(ls.cum[ls.end(rv)]+dV, &ls.fwd[pv], &ls.nodeSeg[u], &ls.bwd[y], nil)
		}
		delta = ls.cost(ru, &nu, ls.rsize[ru]) + ls.cost(rv, &nv, ls.rsize[rv]) - ls.rcost[ru] - ls.rcost[rv]
	} else {
		r := ru
		a, b := u, v // a before b
		if ls.pos[a] > ls.pos[b] {
			a, b = b, a
		}
		pa, na, pb, nb := ls.prev[a], ls.next[a], ls.prev[b], ls.next[b]
		var dd int64
		if na == b {
			dd = ls.d(r, pa, b) + ls.d(r, b, a) + ls.d(r, a, nb) - (ls.cum[nb] - ls.cum[pa])
		} else {
			dd = ls.d(r, pa, b) + ls.d(r, b, na) + ls.d(r, pb, a) + ls.d(r, a, nb) -
				(ls.cum[na] - ls.cum[pa]) - (ls.cum[nb] - ls.cum[pb])
		}
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
			if na == b {
				ns = ls.cat4(r, &ls.fwd[pa], &ls.nodeSeg[b], &ls.nodeSeg[a], &ls.bwd[nb])
			} else {
				mid := ls.between(r, na, pb)
				s := ls.cat3(r, &ls.fwd[pa], &ls.nodeSeg[b], &mid)
				ns = ls.cat3(r, &s, &ls.nodeSeg[a], &ls.bwd[nb])
			}
			delta = ls.cost(r, &ns, ls.rsize[r]) - ls.rcost[r]
		}
	}
	if !improves(delta, ls.before(ru, rv)) {
		return false
	}
	switch {
	case x == v:
		ls.unlink(u)
		ls.linkAfter(u, v)
	case y == u:
		ls.unlink(v)
		ls.linkAfter(v, u)
	default:
		ls.unlink(u)
		ls.unlink(v)
		ls.linkAfter(u, pv)
		ls.linkAfter(v, pu)
	}
	ls.moved(ru, rv)
	return true
}

// swapPair exchanges the pair (u, next u) with the stop v of another route.
func (ls *localSearch) swapPair(u, v int32) bool {
	x := ls.next[u]
	ru, rv := ls.route[u], ls.route[v]
	if ru == rv || !ls.isStop(x) {
		return false
	}
	pu, x2, pv, y := ls.prev[u], ls.next[x], ls.prev[v], ls.next[v]
	dU := ls.d(ru, pu, v) + ls.d(ru, v, x2) - (ls.cum[x2] - ls.cum[pu])
	dV := ls.d(rv, pv, u) + ls.d(rv, u, x) + ls.d(rv, x, y) - (ls.cum[y] - ls.cum[pv])
	if prunes(ls.bound(ru, ls.cum[ls.end(ru)]+dU)+ls.bound(rv, ls.cum[ls.end(rv)]+dV), ls.rcost[ru]+ls.rcost[rv]) {
		return false
	}
	var nu, nv seg
	if ls.m.hasTime {
		nu = ls.cat3(ru, &ls.fwd[pu], &ls.nodeSeg[v], &ls.bwd[x2])
		pair := ls.cat2(rv, &ls.nodeSeg[u], &ls.nodeSeg[x])
		nv = ls.cat3(rv, &ls.fwd[pv], &pair, &ls.bwd[y])
	} else {
		nu = joined(ls.cum[ls.end(ru)]+dU, &ls.fwd[pu], &ls.nodeSeg[v], &ls.bwd[x2], nil)
		nv = joined(ls.cum[ls.end(rv)]+dV, &ls.fwd[pv], &ls.nodeSeg[u], &ls.nodeSeg[x], &ls.bwd[y])
	}
	delta := ls.cost(ru, &nu, ls.rsize[ru]-1) + ls.cost(rv, &nv, ls.rsize[rv]+1) - ls.rcost[ru] - ls.rcost[rv]
	if !improves(delta, ls.before(ru, rv)) {
		return false
	}
	ls.unlink(u)
	ls.unlink(x)
	ls.unlink(v)
	ls.linkAfter(v, pu)
	ls.linkAfter(u, pv)
	ls.linkAfter(x, u)
	ls.moved(ru, rv)
	return true
}

// swapPairs exchanges the pairs (u, next u) and (v, next v) of two routes.
func (ls *localSearch) swapPairs(u, v int32) bool {
	x, y := ls.next[u], ls.next[v]
	ru, rv := ls.route[u], ls.route[v]
	if ru == rv || !ls.isStop(x) || !ls.isStop(y) {
		return false
	}
	pu, x2, pv, y2 := ls.prev[u], ls.next[x], ls.prev[v], ls.next[y]
	dU := ls.d(ru, pu, v) + ls.d(ru, v, y) + ls.d(ru, y, x2) - (ls.cum[x2] - ls.cum[pu])
	dV := ls.d(rv, pv, u) + ls.d(rv, u, x) + ls.d(rv, x, y2) - (ls.cum[y2] - ls.cum[pv])
	if prunes(ls.bound(ru, ls.cum[ls.end(ru)]+dU)+ls.bound(rv, ls.cum[ls.end(rv)]+dV), ls.rcost[ru]+ls.rcost[rv]) {
		return false
	}
	var nu, nv seg
	if ls.m.hasTime {
		pv2 := ls.cat2(ru, &ls.nodeSeg[v], &ls.nodeSeg[y])
		nu = ls.cat3(ru, &ls.fwd[pu], &pv2, &ls.bwd[x2])
		pu2 := ls.cat2(rv, &ls.nodeSeg[u], &ls.nodeSeg[x])
		nv = ls.cat3(rv, &ls.fwd[pv], &pu2, &ls.bwd[y2])
	} else {
		nu = joined(ls.cum[ls.end(ru)]+dU, &ls.fwd[pu], &ls.nodeSeg[v], &ls.nodeSeg[y], &ls.bwd[x2])
		nv = joined(ls.cum[ls.end(rv)]+dV, &ls.fwd[pv], &ls.nodeSeg[u], &ls.nodeSeg[x], &ls.bwd[y2])
	}
	delta := ls.cost(ru, &nu, ls.rsize[ru]) + ls.cost(rv, &nv, ls.rsize[rv]) - ls.rcost[ru] - ls.rcost[rv]
	if !improves(delta, ls.before(ru, rv)) {
		return false
	}
	ls.unlink(u)
	ls.unlink(x)
	ls.unlink(v)
	ls.unlink(y)
	ls.linkAfter(v, pu)
	ls.linkAfter(y, v)
	ls.linkAfter(u, pv)
	ls.linkAfter(x, u)
	ls.moved(ru, rv)
	return true
}
