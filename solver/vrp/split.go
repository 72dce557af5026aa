package vrp

import "math"

// splitter cuts a giant tour into routes by Bellman's shortest path over
// the tour order (Prins 2004; Vidal 2016 for the bounded fleet): node i of
// the auxiliary graph is "the first i stops are served", an arc (i, j) is the
// route of stops i..j-1 priced with the current penalties. Routes are priced
// for the vehicle type with the most slots and later given to slots. Arcs
// stop growing once a route's load passes 1.5 times that type's capacity in
// some dimension, so a split costs O(n·B·dims) for routes of up to B stops,
// and O(K·n·B·dims) when the plan needs more routes than the K slots.
type splitter struct {
	m      *model
	t      *vtype
	pot    []float64 // [k*(n+1)+i] for the bounded variant; row 0 unbounded
	pred   []int32
	limit  [maxDims]int64
	bounds []int32 // scratch: route boundaries
	// linear is set when the O(n) split applies: one vehicle type, no time,
	// no distance limit, no skills. Its prefix sums, per tour position
	// 1..n: distance along the tour, load per dimension, distance from the
	// start depot and to the end.
	linear  bool
	sumDist []int64
	sumLoad []int64 // [pos*dims+k]
	d0x     []int64
	dx0     []int64
	queue   []int32
}

func newSplitter(m *model) *splitter {
	best, cnt := 0, -1
	for ti := range m.types {
		if m.types[ti].count > cnt {
			best, cnt = ti, m.types[ti].count
		}
	}
	s := &splitter{m: m, t: &m.types[best]}
	for k := range m.dims {
		s.limit[k] = s.t.cap[k] + s.t.cap[k]/2
		if s.t.cap[k] == 0 {
			s.limit[k] = math.MaxInt64 / 4
		}
	}
	n := m.ns + 1
	s.pot = make([]float64, n)
	s.pred = make([]int32, n)
	s.bounds = make([]int32, 0, 2*n+2)
	s.linear = m.homog && !m.hasTime && !m.anySkill && s.t.maxDist == big
	if s.linear {
		s.sumDist = make([]int64, n+1)
		s.sumLoad = make([]int64, (n+1)*max(m.dims, 1))
		s.d0x = make([]int64, n+1)
		s.dx0 = make([]int64, n+1)
		s.queue = make([]int32, n+1)
	}
	return s
}

// run splits tour (stop nodes) into routes written to dst, which it
// resets. Without allocation once dst and the scratch have grown.
func (s *splitter) run(tour []int32, pen *penalties, dst *plan) {
	m := s.m
	n := len(tour)
	R := len(m.slotType)
	pot, pred := s.pot[:n+1], s.pred[:n+1]
	for i := range pot {
		pot[i], pred[i] = math.Inf(1), -1
	}
	pot[0] = 0
	var routes, arcs int
	if s.linear {
		routes = s.linearSplit(tour, pen, pot, pred)
		arcs = 2 * n * max(n/max(routes, 1), 1)
	} else {
		routes, arcs = s.arcs(tour, pen, pot, pred)
	}
	// The bounded split costs O(R·n·B): affordable up to a few million
	// arc evaluations; beyond, the unbounded routes are merged instead.
	merge := routes > R && R*arcs > 2_000_000
	if routes > R && !merge {
		s.bounded(tour, pen, R)
	}
	// Walk back the boundaries.
	s.bounds = s.bounds[:0]
	for j := int32(n); j > 0; j = s.pred[j] {
		s.bounds = append(s.bounds, j)
	}
	s.bounds = append(s.bounds, 0)
	if merge {
		s.mergeRoutes(R)
	}
	s.assign(tour, pen, dst)
}

// arcs relaxes all arcs of the unbounded auxiliary graph and returns the
// route count of the best path to n and the number of arcs evaluated.
func (s *splitter) arcs(tour []int32, pen *penalties, pot []float64, pred []int32) (int, int) {
	m := s.m
	t := s.t
	n := len(tour)
	end := m.depotSeg(t, m.endNode(t))
	arcs := 0
	for i := range n {
		if math.IsInf(pot[i], 1) {
			continue
		}
		sg := m.depotSeg(t, t.start)
		for j := i; j < n; j++ {
			ns := m.nodeSeg(tour[j])
			m.extend(&sg, &ns, t.prof)
			whole := m.concat(&sg, &end, t.prof)
			c, _ := m.routeCost(&whole, t, pen)
			arcs++
			if v := pot[i] + c; v < pot[j+1] {
				pot[j+1], pred[j+1] = v, int32(i)
			}
			if j > i && s.over(&sg) {
				break
			}
		}
	}
	cnt := 0
	for j := int32(n); j > 0; j = pred[j] {
		cnt++
	}
	return cnt, arcs
}

func (s *splitter) over(sg *seg) bool {
	for k := range s.m.dims {
		if sg.load[k] > s.limit[k] {
			return true
		}
	}
	return false
}

// bounded recomputes the split with at most R routes, leaving the chosen
// predecessors in s.pred.
func (s *splitter) bounded(tour []int32, pen *penalties, R int) {
	m := s.m
	t := s.t
	n := len(tour)
	w := n + 1
	if len(s.pot) < (R+1)*w {
		s.pot = make([]float64, (R+1)*w)
		s.pred = make([]int32, (R+1)*w)
	}
	pot, pred := s.pot[:(R+1)*w], s.pred[:(R+1)*w]
	for i := range pot {
		pot[i], pred[i] = math.Inf(1), -1
	}
	pot[0] = 0
	end := m.depotSeg(t, m.endNode(t))
	for k := range R {
		row, nxt := pot[k*w:(k+1)*w], pot[(k+1)*w:(k+2)*w]
		prow := pred[(k+1)*w : (k+2)*w]
		for i := range n {
			if math.IsInf(row[i], 1) {
				continue
			}
			sg := m.depotSeg(t, t.start)
			for j := i; j < n; j++ {
				ns := m.nodeSeg(tour[j])
				m.extend(&sg, &ns, t.prof)
				whole := m.concat(&sg, &end, t.prof)
				c, _ := m.routeCost(&whole, t, pen)
				if v := row[i] + c; v < nxt[j+1] {
					nxt[j+1], prow[j+1] = v, int32(i)
				}
				// The last allowed route must take everything left.
				if j > i && s.over(&sg) && k < R-1 {
					break
				}
			}
		}
	}
	bestK := -1
	for k := 1; k <= R; k++ {
		if bestK < 0 || pot[k*w+n] < pot[bestK*w+n] {
			bestK = k
		}
	}
	// Flatten the chosen path into s.pred's first row (route starts are
	// collected first: the rows overlap).
	b := s.bounds[:0]
	for k, j := bestK, int32(n); k > 0; k-- {
		i := pred[k*w+int(j)]
		b = append(b, j, i)
		j = i
	}
	for x := 0; x < len(b); x += 2 {
		s.pred[b[x]] = b[x+1]
	}
	s.bounds = b[:0]
}

// assign hands the routes between boundaries to vehicle slots: in order for
// a homogeneous fleet; otherwise each route, longest first, to the free
// slot whose type prices it lowest.
func (s *splitter) assign(tour []int32, pen *penalties, dst *plan) {
	m := s.m
	R := len(m.slotType)
	if len(dst.routes) != R {
		dst.routes = make([][]int32, R)
	}
	for r := range dst.routes {
		dst.routes[r] = dst.routes[r][:0]
	}
	b := s.bounds // descending: n, ..., 0
	if m.homog {
		r := 0
		for x := len(b) - 1; x > 0; x-- {
			dst.routes[r] = append(dst.routes[r], tour[b[x]:b[x-1]]...)
			r++
		}
		return
	}
	used := make([]bool, R)
	for x := len(b) - 1; x > 0; x-- {
		nodes := tour[b[x]:b[x-1]]
		best, bestC := -1, math.Inf(1)
		lastType := int32(-1)
		var lastC float64
		for r := range R {
			if used[r] {
				continue
			}
			ti := m.slotType[r]
			if ti != lastType {
				t := &m.types[ti]
				sg := m.evalRoute(nodes, t)
				lastC, _ = m.routeCost(&sg, t, pen)
				lastType = ti
			}
			if lastC < bestC {
				best, bestC = r, lastC
			}
		}
		used[best] = true
		dst.routes[best] = append(dst.routes[best], nodes...)
	}
}

// linearSplit is the O(n) Split of Vidal (2016, "Split algorithm in O(n)
// for the capacitated vehicle routing problem", Computers & OR 69) for a
// free fleet, with capacity excess priced by the penalties as HGS-CVRP does.
// Predecessors are kept in a double-ended queue: i stays ahead of a later j
// while j cannot beat it for any future stop (the penalty difference between
// them is at most the penalty of the load between i and j). It returns the
// route count of the best path.
func (s *splitter) linearSplit(tour []int32, pen *penalties, pot []float64, pred []int32) int {
	m := s.m
	t := s.t
	n := len(tour)
	dims := m.dims
	stride := m.n + 1
	dm := m.dist[t.prof]
	end := int(m.endNode(t))
	start := int(t.start)
	for x := 1; x <= n; x++ {
		i := int(tour[x-1])
		s.d0x[x] = dm[start*stride+i]
		s.dx0[x] = dm[i*stride+end]
		if x == 1 {
			s.sumDist[x] = 0
		} else {
			s.sumDist[x] = s.sumDist[x-1] + dm[int(tour[x-2])*stride+i]
		}
		for k := range dims {
			s.sumLoad[x*dims+k] = s.sumLoad[(x-1)*dims+k] + m.demand[i*dims+k]
		}
	}
	cpd := t.cpd
	// cost of the route of positions i+1..j after pot[i].
	propagate := func(i, j int) float64 {
		c := pot[i] + t.fixed + cpd*float64(s.d0x[i+1]+s.sumDist[j]-s.sumDist[i+1]+s.dx0[j])
		for k := range dims {
			if e := s.sumLoad[j*dims+k] - s.sumLoad[i*dims+k] - t.cap[k]; e > 0 {
				c += pen.load[k] * float64(e)
			}
		}
		return c
	}
	// key(i) is what a route starting after i adds before its own stops.
	key := func(i int) float64 { return pot[i] + cpd*float64(s.d0x[i+1]-s.sumDist[i+1]) }
	penBetween := func(i, j int) float64 {
		var c float64
		for k := range dims {
			c += pen.load[k] * float64(s.sumLoad[j*dims+k]-s.sumLoad[i*dims+k])
		}
		return c
	}
	q := s.queue[:0]
	q = append(q, 0)
	head := 0
	for i := 1; i <= n; i++ {
		f := int(q[head])
		pot[i], pred[i] = propagate(f, i), int32(f)
		if i == n {
			break
		}
		back := int(q[len(q)-1])
		// i enters unless the last candidate dominates it.
		if !(key(back)+penBetween(back, i) <= key(i)) {
			for len(q) > head && key(i) <= key(int(q[len(q)-1]))+epsilon {
				q = q[:len(q)-1]
			}
			q = append(q, int32(i))
		}
		for len(q)-head > 1 && propagate(int(q[head]), i+1) > propagate(int(q[head+1]), i+1)-epsilon {
			head++
		}
	}
	s.queue = q
	cnt := 0
	for j := int32(n); j > 0; j = pred[j] {
		cnt++
	}
	return cnt
}

// mergeRoutes joins neighbouring routes of the split (in tour order), the
// pair with the fewest stops first, until at most R remain; local search
// then repairs the overloads. O(routes²) in the worst case.
func (s *splitter) mergeRoutes(R int) {
	b := s.bounds // descending boundaries: n, ..., 0
	for len(b)-1 > R {
		best, bestLen := -1, 0
		for x := 1; x+1 < len(b); x++ {
			if l := int(b[x-1] - b[x+1]); best < 0 || l < bestLen {
				best, bestLen = x, l
			}
		}
		b = append(b[:best], b[best+1:]...)
	}
	s.bounds = b
}
