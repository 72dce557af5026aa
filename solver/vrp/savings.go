package vrp

import (
	"cmp"
	"context"
	"slices"
)

// savings builds a plan by the parallel Clarke–Wright savings algorithm
// (1964) and improves it with intra-route 2-opt and inter-route relocate,
// accepting only moves that keep every route feasible. It is the honest
// baseline and the fallback when the genetic search has no time to run.
// Savings are computed against the first vehicle type's depots; a merge is
// kept when some vehicle type can drive the merged route. Building costs
// O(n·K log(n·K)) for K candidate neighbours, plus O(n·len) per merge.
func (m *model) savings(ctx context.Context) (*plan, map[int32]string) {
	p, why := m.savingsPlan(ctx, true)
	for i, r := range m.repair(p) {
		why[i] = r
	}
	return p, why
}

// savingsPlan is the savings construction, followed by the route
// improvement when improve is set.
func (m *model) savingsPlan(ctx context.Context, improve bool) (*plan, map[int32]string) {
	why := map[int32]string{}
	stride := m.n + 1
	t0 := &m.types[0]
	d0 := m.dist[t0.prof]
	end0 := m.endNode(t0)

	type pair struct {
		i, j int32
		s    int64
	}
	nb := m.nearest(40, false)
	var pairs []pair
	for i := int32(m.nd); i < int32(m.n); i++ {
		if !m.fits[i] {
			continue
		}
		for _, j := range nb[i] {
			if !m.fits[j] {
				continue
			}
			s := d0[int(i)*stride+int(end0)] + d0[int(t0.start)*stride+int(j)] - d0[int(i)*stride+int(j)]
			pairs = append(pairs, pair{i, j, s})
		}
	}
	slices.SortStableFunc(pairs, func(a, b pair) int {
		if c := cmp.Compare(b.s, a.s); c != 0 {
			return c
		}
		if c := cmp.Compare(a.i, b.i); c != 0 {
			return c
		}
		return cmp.Compare(a.j, b.j)
	})

	routeOf := make([]int32, m.n)
	var routes [][]int32
	for i := int32(m.nd); i < int32(m.n); i++ {
		routeOf[i] = -1
		if m.fits[i] {
			routeOf[i] = int32(len(routes))
			routes = append(routes, []int32{i})
		}
	}
	buf := make([]int32, 0, m.ns)
	for x, p := range pairs {
		if x%4096 == 0 && ctx.Err() != nil {
			break
		}
		if p.s <= 0 {
			break
		}
		a, b := routeOf[p.i], routeOf[p.j]
		if a == b || a < 0 || b < 0 {
			continue
		}
		ra, rb := routes[a], routes[b]
		if ra[len(ra)-1] != p.i || rb[0] != p.j {
			continue
		}
		buf = append(append(buf[:0], ra...), rb...)
		if m.anyTypeFeasible(buf) < 0 {
			continue
		}
		routes[a] = append(ra, rb...)
		for _, j := range rb {
			routeOf[j] = a
		}
		routes[b] = nil
	}

	// Assign routes to vehicle slots, biggest first, each to the cheapest
	// free slot that drives it feasibly.
	var list [][]int32
	for _, r := range routes {
		if len(r) > 0 {
			list = append(list, r)
		}
	}
	slices.SortStableFunc(list, func(a, b []int32) int { return cmp.Compare(len(b), len(a)) })
	p := &plan{routes: make([][]int32, len(m.slotType))}
	var zero penalties
	for _, r := range list {
		best, bestCost := -1, 0.0
		for sl := range p.routes {
			if len(p.routes[sl]) > 0 {
				continue
			}
			t := &m.types[m.slotType[sl]]
			s := m.evalRoute(r, t)
			c, ok := m.routeCost(&s, t, &zero)
			if ok && (best < 0 || c < bestCost) {
				best, bestCost = sl, c
			}
		}
		if best < 0 {
			for _, i := range r {
				why[i] = "no free vehicle could serve it"
			}
			continue
		}
		p.routes[best] = r
	}
	if improve {
		m.improve(ctx, p)
		m.dropOptional(p)
	}
	return p, why
}

// anyTypeFeasible returns a vehicle type that drives nodes feasibly, or -1.
func (m *model) anyTypeFeasible(nodes []int32) int {
	var zero penalties
	for ti := range m.types {
		t := &m.types[ti]
		s := m.evalRoute(nodes, t)
		if _, ok := m.routeCost(&s, t, &zero); ok {
			return ti
		}
	}
	return -1
}

// slotCost is the feasible cost of nodes on slot r (0 when empty), and
// whether it is feasible.
func (m *model) slotCost(r int, nodes []int32) (float64, bool) {
	if len(nodes) == 0 {
		return 0, true
	}
	t := &m.types[m.slotType[r]]
	s := m.evalRoute(nodes, t)
	var zero penalties
	return m.routeCost(&s, t, &zero)
}

// improve applies first-improvement intra-route 2-opt and inter-route
// relocate (to a position after one of a stop's 20 nearest neighbours)
// until neither improves or ctx ends. Every move is priced by evaluating
// the changed routes in full.
func (m *model) improve(ctx context.Context, p *plan) {
	nb := m.nearest(20, false)
	cost := make([]float64, len(p.routes))
	for r, nodes := range p.routes {
		cost[r], _ = m.slotCost(r, nodes)
	}
	where := make([]int32, m.n)
	for i := range where {
		where[i] = -1
	}
	index := func() {
		for r, nodes := range p.routes {
			for _, i := range nodes {
				where[i] = int32(r)
			}
		}
	}
	index()
	var buf, bufA, bufB []int32
	for improved := true; improved && ctx.Err() == nil; {
		improved = false
		for r, nodes := range p.routes {
			for a := 0; a < len(nodes); a++ {
				for b := a + 1; b < len(nodes); b++ {
					buf = append(buf[:0], nodes...)
					slices.Reverse(buf[a : b+1])
					if c, ok := m.slotCost(r, buf); ok && c < cost[r]-tol(cost[r]) {
						copy(nodes, buf)
						cost[r] = c
						improved = true
					}
				}
			}
		}
		for i := int32(m.nd); i < int32(m.n) && ctx.Err() == nil; i++ {
			ra := where[i]
			if ra < 0 {
				continue
			}
			for _, j := range nb[i] {
				rb := where[j]
				if rb < 0 || rb == ra {
					continue
				}
				na, nbr := p.routes[ra], p.routes[rb]
				bufA = bufA[:0]
				for _, x := range na {
					if x != i {
						bufA = append(bufA, x)
					}
				}
				bufB = bufB[:0]
				for _, x := range nbr {
					bufB = append(bufB, x)
					if x == j {
						bufB = append(bufB, i)
					}
				}
				ca, okA := m.slotCost(int(ra), bufA)
				cb, okB := m.slotCost(int(rb), bufB)
				if okA && okB && ca+cb < cost[ra]+cost[rb]-tol(cost[ra]+cost[rb]) {
					p.routes[ra] = slices.Clone(bufA)
					p.routes[rb] = slices.Clone(bufB)
					cost[ra], cost[rb] = ca, cb
					where[i] = rb
					improved = true
					break
				}
			}
		}
	}
}

// dropOptional removes optional stops whose penalty is below what serving
// them costs, one at a time, while that lowers the cost.
func (m *model) dropOptional(p *plan) {
	if !m.optional {
		return
	}
	var buf []int32
	for r := range p.routes {
		for x := 0; x < len(p.routes[r]); {
			nodes := p.routes[r]
			i := nodes[x]
			if m.penalty[i] == 0 {
				x++
				continue
			}
			c0, _ := m.slotCost(r, nodes)
			buf = append(append(buf[:0], nodes[:x]...), nodes[x+1:]...)
			c1, ok := m.slotCost(r, buf)
			if ok && c1+m.penalty[i] < c0-tol(c0) {
				p.routes[r] = slices.Clone(buf)
				continue
			}
			x++
		}
	}
}
