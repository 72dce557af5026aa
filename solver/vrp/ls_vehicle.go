package vrp

// swapVehicles exchanges the stops of two routes driven by different
// vehicle types (or moves a route onto an idle vehicle of another type),
// when the other vehicle drives them cheaper: a bigger truck for the
// heavier route, the cheaper van for the short one, a reefer where chilled
// stops are. Each candidate is priced by rebuilding both routes for their
// new types: O(R²·len) per pass, run only for mixed fleets.
func (ls *localSearch) swapVehicles() bool {
	m := ls.m
	if len(ls.idle) != len(m.types) {
		ls.idle = make([]int32, len(m.types))
	}
	improved := false
	for a := range int32(ls.R) {
		if ls.rsize[a] == 0 {
			continue
		}
		for t := range ls.idle {
			ls.idle[t] = -1
		}
		for r := int32(ls.R) - 1; r >= 0; r-- {
			if ls.rsize[r] == 0 {
				ls.idle[ls.rtype[r]] = r
			}
		}
		for b := range int32(ls.R) {
			if a == b || ls.rtype[a] == ls.rtype[b] {
				continue
			}
			if ls.rsize[b] == 0 {
				if ls.idle[ls.rtype[b]] != b {
					continue // one idle vehicle per type is enough
				}
			} else if b < a {
				continue // pairs of used routes are tried once
			}
			na := ls.reprice(b, a) // a's stops on b's vehicle
			nb := ls.reprice(a, b)
			if !improves(na+nb-ls.rcost[a]-ls.rcost[b], ls.rcost[a]+ls.rcost[b]) {
				continue
			}
			ls.exchange(a, b)
			ls.moved(a, b)
			improved = true
			break
		}
	}
	return improved
}

// reprice is the cost of route src's stops driven by slot dst's vehicle.
func (ls *localSearch) reprice(dst, src int32) float64 {
	m := ls.m
	if ls.rsize[src] == 0 && len(m.types[ls.rtype[dst]].prefix) == 0 {
		return 0
	}
	t := &m.types[ls.rtype[dst]]
	s := m.depotSeg(t, t.start)
	for x := ls.next[ls.start(src)]; ls.isStop(x); x = ls.next[x] {
		m.extend(&s, &ls.nodeSeg[x], t.prof)
	}
	e := m.depotSeg(t, m.endNode(t))
	m.extend(&s, &e, t.prof)
	return ls.cost(dst, &s, ls.rsize[src])
}

// exchange swaps the stop chains of routes a and b.
func (ls *localSearch) exchange(a, b int32) {
	sa, ea, sb, eb := ls.start(a), ls.end(a), ls.start(b), ls.end(b)
	fa, la := ls.next[sa], ls.prev[ea]
	fb, lb := ls.next[sb], ls.prev[eb]
	emptyA, emptyB := fa == ea, fb == eb
	if emptyB {
		ls.next[sa], ls.prev[ea] = ea, sa
	} else {
		ls.next[sa], ls.prev[fb] = fb, sa
		ls.next[lb], ls.prev[ea] = ea, lb
	}
	if emptyA {
		ls.next[sb], ls.prev[eb] = eb, sb
	} else {
		ls.next[sb], ls.prev[fa] = fa, sb
		ls.next[la], ls.prev[eb] = eb, la
	}
}
