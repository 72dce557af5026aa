package vrp

import "math"

// exactMaxStops is the largest number of stops solved by enumeration: a
// type's routes over every subset of 8 stops are 109,601 sequences.
const exactMaxStops = 8

// exactMaxWork bounds the sequences enumerated over all vehicle types.
const exactMaxWork = 4_000_000

// exactWork is the number of sequences exact enumerates per vehicle type
// for ns stops: the sum over k of C(ns, k)·k!.
func exactWork(ns int) int {
	w, term := 0, 1
	for k := 1; k <= ns; k++ {
		term *= ns - k + 1 // ns!/(ns-k)!
		w += term
	}
	return w
}

// canExact reports whether the model is small enough to solve exactly.
func (m *model) canExact() bool {
	return m.pair == nil && m.ns <= exactMaxStops && len(m.types)*exactWork(m.ns) <= exactMaxWork
}

// exact solves the model to optimality by enumeration, for a handful of
// stops. For each vehicle type a depth-first search over sequences, grown
// a stop at a time with the segments of route.go, finds the cheapest
// feasible route of every subset of stops (a prefix that breaks a
// capacity, time or route limit is pruned: extending it never repairs it;
// several time windows are checked on the exact schedule at each leaf).
// A dynamic programme over subsets then gives routes to the vehicle slots,
// one type after another, each slot taking a disjoint subset: O(R·3^ns).
// The objective is the search's: route costs plus the miss cost of each
// stop left out, so mandatory stops are served whenever any plan can.
// Complexity O(T·e·ns!) for T types, within exactMaxWork.
func (m *model) exact() (*plan, map[int32]string) {
	ns := m.ns
	full := 1 << ns
	inf := math.Inf(1)
	// best[t][mask] and the sequence achieving it.
	best := make([][]float64, len(m.types))
	seq := make([][][]int32, len(m.types))
	var zero penalties
	path := make([]int32, 0, ns)
	for ti := range m.types {
		t := &m.types[ti]
		best[ti] = make([]float64, full)
		seq[ti] = make([][]int32, full)
		for k := range best[ti] {
			best[ti][k] = inf
		}
		end := m.depotSeg(t, m.endNode(t))
		if len(t.prefix) > 0 { // it drives home from its fixed sequence anyway
			w := m.evalRoute(nil, t)
			c, ok := m.routeCost(&w, t, &zero)
			if !ok {
				c += m.missMandatory // the fixed sequence alone breaks a limit
			}
			best[ti][0] = c
		} else {
			best[ti][0] = 0
		}
		var dfs func(s *seg, mask int)
		dfs = func(s *seg, mask int) {
			for j := range ns {
				if mask&(1<<j) != 0 {
					continue
				}
				i := int32(m.nd + j)
				if !m.fits[i] || m.skill[i]&^t.skills != 0 {
					continue
				}
				x := *s
				one := m.nodeSeg(i)
				m.extend(&x, &one, t.prof)
				if !m.prefixOK(&x, t) {
					continue
				}
				path = append(path, i)
				w := m.concat(&x, &end, t.prof)
				c, ok := m.routeCost(&w, t, &zero)
				if ok && m.td != nil && t.cpt > 0 {
					c = m.drivenCost(path, t, m.departure(&w, t)) // the segments only bound it
				}
				if ok && c < best[ti][mask|1<<j] {
					if !m.exactTime() || m.lateness(path, t, m.departure(&w, t)) == 0 {
						best[ti][mask|1<<j] = c
						seq[ti][mask|1<<j] = append(seq[ti][mask|1<<j][:0], path...)
					}
				}
				dfs(&x, mask|1<<j)
				path = path[:len(path)-1]
			}
		}
		start := m.depotSeg(t, t.start)
		dfs(&start, 0)
	}

	// f[stage][mask]: the cheapest routes on the first stage slots serving
	// exactly mask; pick[stage][mask] is the subset the stage-th slot took.
	R := len(m.slotType)
	f := make([][]float64, R+1)
	pick := make([][]int32, R+1)
	f[0] = make([]float64, full)
	for k := 1; k < full; k++ {
		f[0][k] = inf
	}
	for r := range R {
		bt := best[m.slotType[r]]
		cur, nxt := f[r], make([]float64, full)
		pk := make([]int32, full)
		for mask := range full {
			nxt[mask] = cur[mask] + bt[0]
			for sub := mask; sub > 0; sub = (sub - 1) & mask {
				if c := cur[mask^sub] + bt[sub]; c < nxt[mask] {
					nxt[mask], pk[mask] = c, int32(sub)
				}
			}
		}
		f[r+1], pick[r+1] = nxt, pk
	}
	bestMask, bestC := 0, inf
	for mask := range full {
		if f[R][mask] == inf {
			continue
		}
		c := f[R][mask]
		for j := range ns {
			if mask&(1<<j) == 0 {
				c += m.missCost(int32(m.nd + j))
			}
		}
		if c < bestC {
			bestMask, bestC = mask, c
		}
	}
	p := &plan{routes: make([][]int32, R)}
	mask := bestMask
	for r := R; r > 0; r-- {
		if sub := int(pick[r][mask]); sub != 0 {
			p.routes[r-1] = append([]int32(nil), seq[m.slotType[r-1]][sub]...)
			mask ^= sub
		}
	}
	why := map[int32]string{}
	for j := range ns {
		i := int32(m.nd + j)
		if bestMask&(1<<j) != 0 || m.why[i] != "" {
			continue
		}
		if m.penalty[i] > 0 {
			why[i] = "leaving it unserved costs less than serving it"
		} else {
			why[i] = "no plan serves it with the others: every vehicle's capacity, time windows, skills or route limits rule it out"
		}
	}
	return p, why
}

// prefixOK reports whether the partial route s (start depot and stops)
// of type t can still become feasible: loads, time warp, duration,
// distance and skills only grow as stops are appended.
func (m *model) prefixOK(s *seg, t *vtype) bool {
	for k := range m.dims {
		if s.load[k] > t.cap[k] {
			return false
		}
	}
	return s.tw == 0 && s.dur <= t.maxDur && s.dist <= t.maxDist && s.skill&^t.skills == 0
}
