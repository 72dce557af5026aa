package vrp

// twoOpt reverses the part of one route between the successor of the
// earlier of u, v and the later one (Croes 1958), if that lowers the
// penalised cost. Symmetric without time: O(1); otherwise O(len).
func (ls *localSearch) twoOpt(u, v int32) bool {
	r := ls.route[u]
	if ls.pos[u] > ls.pos[v] {
		u, v = v, u
	}
	x, y := ls.next[u], ls.next[v]
	if x == v {
		return false
	}
	m := ls.m
	dd := ls.d(r, u, v) + ls.d(r, x, y) - (ls.cum[x] - ls.cum[u]) - (ls.cum[y] - ls.cum[v])
	if !m.symmetric {
		dd += (ls.cumRev[v] - ls.cumRev[x]) - (ls.fwd[v].dist - ls.fwd[x].dist)
	}
	var delta float64
	if !m.hasTime {
		if dd >= 0 {
			return false
		}
		delta = ls.intraCostNoTime(r, dd) - ls.rcost[r]
	} else {
		if prunes(ls.bound(r, ls.cum[ls.end(r)]+dd), ls.rcost[r]) {
			return false
		}
		mid := ls.reversed(r, x, v)
		ns := ls.cat3(r, &ls.fwd[u], &mid, &ls.bwd[y])
		delta = ls.cost(r, &ns, ls.rsize[r]) - ls.rcost[r]
	}
	if !improves(delta, ls.rcost[r]) {
		return false
	}
	// Relink u → v → … → x → y.
	a := x
	prevNode := u
	for cur := v; ; {
		nxt := ls.prev[cur]
		ls.next[prevNode], ls.prev[cur] = cur, prevNode
		prevNode = cur
		if cur == a {
			break
		}
		cur = nxt
	}
	ls.next[a], ls.prev[y] = y, a
	ls.moved(r, r)
	return true
}
