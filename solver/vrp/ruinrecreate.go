package vrp

import (
	"cmp"
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"time"

	"fulfil/solver"
)

// ruinrecreate.go searches inputs with shipments by ruin and recreate
// (Schrimpf et al. 2000; the string and route removals and blinking
// insertions of SISR, Christiaens & Vanden Berghe 2020) under simulated
// annealing. Its unit is the job: a plain stop, or a shipment's pickup and
// delivery, which are removed together and inserted together with the
// pickup first, so no plan it builds separates a pair. Every plan it holds
// is feasible: a job is inserted only where capacity (along the route),
// windows, shift, skills, stop and distance limits hold, checked in O(1)
// per position from each route's forward start times, backward latest
// starts and loads after each visit; a pair is placed in O(len²) per
// route. A job with no feasible place stays out at its miss cost. Each
// worker anneals its own plan from its own seed; the best plan wins (ties
// to the lower worker), so a run bounded by Iterations repeats exactly.
// Route time costs are priced by driving time only (waiting is not
// counted in the search; the Output prices the exact schedule).

// rrJob is a plain stop (del < 0) or a shipment.
type rrJob struct {
	pick, del int32
	amount    [maxDims]int64 // load added from the depot (plain) or carried (pair), real dimensions
}

// rrRoute is one vehicle slot's route with its timing: position 0 is the
// start, 1..len(nodes) the stops, len+1 the end.
type rrRoute struct {
	nodes  []int32
	start  []int64 // service start per position (departure at 0, arrival at the end)
	latest []int64 // latest service start per position that keeps the rest on time
	load   []int64 // load leaving each position, [pos*maxDims+k]
	trip   []int32 // per position: where its trip starts (0, or its reload's position)
	dist   int64
	travel int64
	stops  int // stops, reloads not counted
	trips  int
	late   int64 // with breaks: lateness of the driven schedule
}

// rrState is a plan in the annealing.
type rrState struct {
	routes []rrRoute
	where  []int32 // node → slot, or -1
}

type rrSearch struct {
	m       *model
	jobs    []rrJob
	jobOf   []int32   // node → job, or -1
	near    [][]int32 // job → other jobs by distance
	missW   []float64 // per job
	realDim []int     // active dimensions that are loads (not the stop count)
}

func (m *model) newRR() *rrSearch {
	s := &rrSearch{m: m, jobOf: make([]int32, m.n)}
	for k, kind := range m.dimKind {
		if kind != dimStops {
			s.realDim = append(s.realDim, k)
		}
	}
	for i := range s.jobOf {
		s.jobOf[i] = -1
	}
	for i := int32(m.nd); i < int32(m.n); i++ {
		if !m.fits[i] || (m.pair != nil && m.pair[i] >= 0 && !m.pickup[i]) {
			continue
		}
		j := rrJob{pick: i, del: -1}
		if m.pair != nil && m.pair[i] >= 0 {
			j.del = m.pair[i]
			s.jobOf[j.del] = int32(len(s.jobs))
		}
		for _, k := range s.realDim {
			j.amount[k] = m.demand[int(i)*m.dims+k]
			if j.del >= 0 {
				j.amount[k] = m.delta[int(i)*m.dims+k]
			}
		}
		s.jobOf[i] = int32(len(s.jobs))
		s.jobs = append(s.jobs, j)
	}
	// Relatedness: the distance between pickups plus between deliveries.
	n1 := m.n + 1
	d := m.dist[0]
	s.near = make([][]int32, len(s.jobs))
	kn := min(len(s.jobs)-1, 40)
	for a := range s.jobs {
		ja := s.jobs[a]
		key := make([]int64, len(s.jobs))
		idx := make([]int32, 0, len(s.jobs)-1)
		for b := range s.jobs {
			if b == a {
				continue
			}
			jb := s.jobs[b]
			key[b] = d[int(ja.pick)*n1+int(jb.pick)]
			if ja.del >= 0 && jb.del >= 0 {
				key[b] += d[int(ja.del)*n1+int(jb.del)]
			} else {
				key[b] *= 2
			}
			idx = append(idx, int32(b))
		}
		slices.SortStableFunc(idx, func(x, y int32) int { return cmp.Compare(key[x], key[y]) })
		s.near[a] = idx[:kn]
	}
	var bound float64
	for ti := range m.types {
		bound = max(bound, m.travelBound(&m.types[ti])+m.types[ti].fixed)
	}
	s.missW = make([]float64, len(s.jobs))
	for x, j := range s.jobs {
		if m.penalty[j.pick] > 0 {
			s.missW[x] = m.penalty[j.pick]
			if j.del >= 0 {
				s.missW[x] += m.penalty[j.del]
			}
			continue
		}
		s.missW[x] = (bound + 1) * float64(len(m.slotType)+2) * 4
	}
	return s
}

// leg is the model distance and driving time from i to j on t.
func (s *rrSearch) leg(t *vtype, i, j int32) (int64, int64) {
	k := int(i)*(s.m.n+1) + int(j)
	return s.m.dist[t.prof][k], s.m.dur[t.prof][k]
}

// node is the node at position pos of route r of type t.
func (s *rrSearch) node(r *rrRoute, t *vtype, pos int) int32 {
	switch {
	case pos == 0:
		return t.start
	case pos > len(r.nodes):
		return s.m.endNode(t)
	}
	return r.nodes[pos-1]
}

// refresh recomputes r's timing, loads and distance.
func (s *rrSearch) refresh(r *rrRoute, t *vtype) {
	m := s.m
	L := len(r.nodes) + 2
	r.start = slices.Grow(r.start[:0], L)[:L]
	r.latest = slices.Grow(r.latest[:0], L)[:L]
	r.load = slices.Grow(r.load[:0], L*maxDims)[:L*maxDims]
	r.trip = slices.Grow(r.trip[:0], L)[:L]
	r.dist, r.travel = 0, 0
	r.start[0] = t.twOpen
	r.stops, r.trips = 0, 1
	var cur [maxDims]int64
	loadTrip := func(from int) { // the plain demand of the trip from nodes[from]
		for _, i := range r.nodes[from:] {
			if m.isReload(i) {
				break
			}
			for _, k := range s.realDim {
				cur[k] += m.demand[int(i)*m.dims+k]
			}
		}
	}
	loadTrip(0)
	copy(r.load[:maxDims], cur[:])
	r.trip[0] = 0
	prev := t.start
	now := t.twOpen
	for p := 1; p < L; p++ {
		i := s.node(r, t, p)
		dd, dt := s.leg(t, prev, i)
		r.dist += dd
		r.travel += dt
		arr := now + dt
		if p == L-1 {
			r.start[p] = arr
			break
		}
		st := max(arr, m.twOpen[i])
		r.start[p] = st
		now = st + m.service[i]
		r.trip[p] = r.trip[p-1]
		if m.isReload(i) {
			r.trip[p] = int32(p)
			r.trips++
			loadTrip(p) // nodes[p] is the one after the reload at position p
		} else {
			r.stops++
		}
		for _, k := range s.realDim {
			cur[k] -= m.demand[int(i)*m.dims+k]
			if m.delta != nil {
				cur[k] += m.delta[int(i)*m.dims+k]
			}
		}
		copy(r.load[p*maxDims:(p+1)*maxDims], cur[:])
		prev = i
	}
	if len(t.rest) > 0 || m.td != nil {
		// The start times as drive has them: breaks placed, legs timed
		// from their departure.
		c := modelClock{m}
		run := drive(c, t, t.start, t.twOpen, r.nodes, false, func(k int, _, st, _ int64) { r.start[k+1] = st })
		home(c, t, &run)
		r.start[L-1], r.late = run.now, run.late
	}
	r.latest[L-1] = t.twClose
	for p := L - 2; p >= 0; p-- {
		i, j := s.node(r, t, p), s.node(r, t, p+1)
		_, dt := s.leg(t, i, j)
		serv := int64(0)
		cl := t.startClose
		if p > 0 {
			serv, cl = m.service[i], m.twClose[i]
		}
		r.latest[p] = min(cl, r.latest[p+1]-dt-serv)
	}
}

// routeCost is the annealing's cost of a route of type t: 0 when empty.
func (s *rrSearch) routeCost(r *rrRoute, t *vtype) float64 {
	if len(r.nodes) == 0 {
		return 0
	}
	return t.fixed + t.cpd*float64(r.dist) + t.cpt*float64(r.travel)
}

// insertion is where a job goes: slot, positions (after which route
// position the pickup and the delivery go; del == pick: right after it)
// and the cost change.
type insertion struct {
	r, pick, del int
	cost         float64
	newTrip      bool // after a reload at the end of the route (pick, del unused)
}

// bestInsertion finds the cheapest feasible insertion of job x in route r
// (slot ri), skipping each position with probability blink.
func (s *rrSearch) bestInsertion(x int, r *rrRoute, ri int, rng *rand.Rand, blink float64, best *insertion) {
	m := s.m
	t := &m.types[m.slotType[ri]]
	j := &s.jobs[x]
	if !s.skillsFit(x, t) {
		return
	}
	L := len(r.nodes)
	add := 1
	if j.del >= 0 {
		add = 2
	}
	for k := range m.dims {
		if m.dimKind[k] == dimStops && int64(r.stops+add) > t.cap[k] {
			return
		}
	}
	base := 0.0
	if L == 0 {
		base = t.fixed
	}
	p := j.pick
	for i := 0; i <= L; i++ {
		if blink > 0 && rng.Float64() < blink {
			continue
		}
		a, b := s.node(r, t, i), s.node(r, t, i+1)
		dep := r.start[i]
		if i > 0 {
			dep += m.service[a]
		}
		dAP, tAP := s.leg(t, a, p)
		arrP := dep + tAP
		if arrP > m.twClose[p] {
			continue
		}
		sP := max(arrP, m.twOpen[p])
		dAB, tAB := s.leg(t, a, b)
		loadOK := true
		for _, k := range s.realDim {
			if j.del < 0 {
				// A plain stop's goods ride from the depot to it.
				if r.load[i*maxDims+k]+j.amount[k] > t.cap[k] || !s.prefixFits(r, i, k, j.amount[k], t) {
					loadOK = false
				}
			} else if r.load[i*maxDims+k]+j.amount[k] > t.cap[k] {
				loadOK = false
			}
		}
		if !loadOK {
			continue
		}
		if j.del < 0 {
			dPB, tPB := s.leg(t, p, b)
			if sP+m.service[p]+tPB > r.latest[i+1] {
				continue
			}
			dd := dAP + dPB - dAB
			if r.dist+dd > t.maxDist {
				continue
			}
			c := base + t.cpd*float64(dd) + t.cpt*float64(tAP+tPB-tAB)
			if (best.r < 0 || c < best.cost) && s.verified(x, r, t, i, i) {
				*best = insertion{r: ri, pick: i, del: i, cost: c}
			}
			continue
		}
		// The pickup after position i; scan the delivery's position.
		d := j.del
		pickD := dAP - dAB
		pickT := tAP - tAB
		last, now := p, sP+m.service[p]
		var peak [maxDims]int64
		copy(peak[:], r.load[i*maxDims:(i+1)*maxDims])
		for jj := i; jj <= L; jj++ {
			nxt := s.node(r, t, jj+1)
			dLD, tLD := s.leg(t, last, d)
			arrD := now + tLD
			if arrD <= m.twClose[d] {
				sD := max(arrD, m.twOpen[d])
				dDN, tDN := s.leg(t, d, nxt)
				if sD+m.service[d]+tDN <= r.latest[jj+1] {
					var dd, dt int64
					if jj == i {
						dd, dt = pickD+dLD+dDN, pickT+tLD+tDN
					} else {
						dLN, tLN := s.leg(t, last, nxt)
						dPB, tPB := s.leg(t, p, b)
						dd = pickD + dPB + dLD + dDN - dLN
						dt = pickT + tPB + tLD + tDN - tLN
					}
					if r.dist+dd <= t.maxDist && (blink == 0 || rng.Float64() >= blink) {
						c := base + t.cpd*float64(dd) + t.cpt*float64(dt)
						if (best.r < 0 || c < best.cost) && s.verified(x, r, t, i, jj) {
							*best = insertion{r: ri, pick: i, del: jj, cost: c}
						}
					}
				}
			}
			if jj == L {
				break
			}
			// Move past route position jj+1 with the pickup on board.
			_, tLN := s.leg(t, last, nxt)
			arr := now + tLN
			if arr > m.twClose[nxt] {
				break
			}
			over := false
			for _, k := range s.realDim {
				peak[k] = max(peak[k], r.load[(jj+1)*maxDims+k])
				if peak[k]+j.amount[k] > t.cap[k] {
					over = true
				}
			}
			if over {
				break
			}
			now = max(arr, m.twOpen[nxt]) + m.service[nxt]
			last = nxt
		}
	}
}

// verified reports whether inserting job x in r after positions pick and
// del keeps r feasible on its driven schedule, for inputs with breaks or
// time-dependent travel, whose timing the O(1) tests above only bound
// (permissively: breaks only delay, and the segments' durations are lower
// bounds); true otherwise.
func (s *rrSearch) verified(x int, r *rrRoute, t *vtype, pick, del int) bool {
	if len(t.rest) == 0 && s.m.td == nil {
		return true
	}
	j := &s.jobs[x]
	sc := rrRoute{nodes: slices.Clone(r.nodes)}
	if j.del >= 0 {
		sc.nodes = slices.Insert(sc.nodes, del, j.del)
	}
	sc.nodes = slices.Insert(sc.nodes, pick, j.pick)
	s.refresh(&sc, t)
	return s.feasible(&sc, t)
}

// skillsFit reports whether type t has every skill job x's stops need.
func (s *rrSearch) skillsFit(x int, t *vtype) bool {
	j := &s.jobs[x]
	sk := s.m.skill[j.pick]
	if j.del >= 0 {
		sk |= s.m.skill[j.del]
	}
	return sk&^t.skills == 0
}

// newTrip considers job x on a trip of its own at the end of route r
// (slot ri): a reload, then the job.
func (s *rrSearch) newTrip(x int, r *rrRoute, ri int, t *vtype, best *insertion) {
	if t.maxTrips <= r.trips || len(r.nodes) == 0 || !s.skillsFit(x, t) {
		return
	}
	j := &s.jobs[x]
	sc := rrRoute{nodes: append(slices.Clip(r.nodes), t.start, j.pick)}
	if j.del >= 0 {
		sc.nodes = append(sc.nodes, j.del)
	}
	s.refresh(&sc, t)
	if !s.feasible(&sc, t) {
		return
	}
	if c := s.routeCost(&sc, t) - s.routeCost(r, t); best.r < 0 || c < best.cost {
		*best = insertion{r: ri, cost: c, newTrip: true}
	}
}

// feasible reports whether refreshed route r keeps every constraint of
// type t: windows, the return, loads per trip, distance and stops.
func (s *rrSearch) feasible(r *rrRoute, t *vtype) bool {
	m := s.m
	L := len(r.nodes) + 2
	for p := 1; p < L-1; p++ {
		if r.start[p] > m.twClose[r.nodes[p-1]] {
			return false
		}
	}
	if r.start[L-1] > t.twClose || r.dist > t.maxDist || r.late > 0 {
		return false
	}
	for p := range L - 1 {
		for _, k := range s.realDim {
			if r.load[p*maxDims+k] > t.cap[k] {
				return false
			}
		}
	}
	for k := range m.dims {
		if m.dimKind[k] == dimStops && int64(r.stops) > t.cap[k] {
			return false
		}
	}
	return true
}

// tidyTrips drops reloads that begin or end r or follow one another, then
// each reload whose two trips fit in one at no higher cost.
func (s *rrSearch) tidyTrips(r *rrRoute, t *vtype) {
	m := s.m
	out := r.nodes[:0]
	for _, i := range r.nodes {
		if m.isReload(i) && (len(out) == 0 || m.isReload(out[len(out)-1])) {
			continue
		}
		out = append(out, i)
	}
	if len(out) > 0 && m.isReload(out[len(out)-1]) {
		out = out[:len(out)-1]
	}
	r.nodes = out
	s.refresh(r, t)
	for p := len(r.nodes) - 1; p >= 0; p-- {
		if !m.isReload(r.nodes[p]) {
			continue
		}
		c := s.routeCost(r, t)
		r.nodes = slices.Delete(r.nodes, p, p+1)
		s.refresh(r, t)
		if s.feasible(r, t) && s.routeCost(r, t) <= c {
			continue
		}
		r.nodes = slices.Insert(r.nodes, p, t.start)
		s.refresh(r, t)
	}
}

// prefixFits reports whether adding a to the load leaving the positions
// of i's trip up to i keeps dimension k within t's capacity.
func (s *rrSearch) prefixFits(r *rrRoute, i, k int, a int64, t *vtype) bool {
	for p := int(r.trip[i]); p <= i; p++ {
		if r.load[p*maxDims+k]+a > t.cap[k] {
			return false
		}
	}
	return true
}

// insert applies ins of job x to st.
func (s *rrSearch) insert(st *rrState, x int, ins insertion) {
	j := &s.jobs[x]
	r := &st.routes[ins.r]
	if ins.newTrip {
		r.nodes = append(r.nodes, s.m.types[s.m.slotType[ins.r]].start, j.pick)
		if j.del >= 0 {
			r.nodes = append(r.nodes, j.del)
		}
	} else if j.del < 0 {
		r.nodes = slices.Insert(r.nodes, ins.pick, j.pick)
	} else {
		r.nodes = slices.Insert(r.nodes, ins.del, j.del)
		r.nodes = slices.Insert(r.nodes, ins.pick, j.pick)
	}
	st.where[j.pick] = int32(ins.r)
	if j.del >= 0 {
		st.where[j.del] = int32(ins.r)
	}
	s.refresh(r, &s.m.types[s.m.slotType[ins.r]])
}

// remove takes job x out of st (without refreshing its route).
func (s *rrSearch) remove(st *rrState, x int) int {
	j := &s.jobs[x]
	ri := int(st.where[j.pick])
	r := &st.routes[ri]
	r.nodes = slices.DeleteFunc(r.nodes, func(i int32) bool { return i == j.pick || i == j.del })
	st.where[j.pick] = -1
	if j.del >= 0 {
		st.where[j.del] = -1
	}
	return ri
}

// cost is st's annealing cost.
func (s *rrSearch) cost(st *rrState) float64 {
	var c float64
	for ri := range st.routes {
		c += s.routeCost(&st.routes[ri], &s.m.types[s.m.slotType[ri]])
	}
	for x, j := range s.jobs {
		if st.where[j.pick] < 0 {
			c += s.missW[x]
		}
	}
	return c
}

// recreate inserts the unassigned jobs of st, in a random order of SISR's
// kinds (random, largest demand, farthest, closest), each at its cheapest
// feasible place with blinks. Only the first empty slot of each type is
// tried.
func (s *rrSearch) recreate(st *rrState, out []int32, rng *rand.Rand) {
	m := s.m
	switch rng.IntN(4) {
	case 0:
		rng.Shuffle(len(out), func(a, b int) { out[a], out[b] = out[b], out[a] })
	case 1:
		slices.SortStableFunc(out, func(a, b int32) int {
			return cmp.Compare(s.sumAmount(b), s.sumAmount(a))
		})
	case 2, 3: // farthest from the depot first, or closest
		t := &m.types[0]
		far := func(x int32) int64 { d, _ := s.leg(t, t.start, s.jobs[x].pick); return d }
		slices.SortStableFunc(out, func(a, b int32) int { return cmp.Compare(far(b), far(a)) })
		if rng.IntN(2) == 0 {
			slices.Reverse(out)
		}
	}
	emptyTried := make([]bool, len(m.types))
	for _, x := range out {
		best := insertion{r: -1}
		clear(emptyTried)
		for ri := range st.routes {
			r := &st.routes[ri]
			if len(r.nodes) == 0 {
				ti := m.slotType[ri]
				if emptyTried[ti] {
					continue
				}
				emptyTried[ti] = true
			}
			s.bestInsertion(int(x), r, ri, rng, 0.01, &best)
			if m.trips {
				s.newTrip(int(x), r, ri, &m.types[m.slotType[ri]], &best)
			}
		}
		if best.r >= 0 && best.cost < s.missW[x] {
			s.insert(st, int(x), best)
		}
	}
}

func (s *rrSearch) sumAmount(x int32) int64 {
	var a int64
	for _, k := range s.realDim {
		a += s.jobs[x].amount[k]
	}
	return a
}

// ruin removes jobs from st and returns them: a string of related jobs
// around a random seed (SISR's adjacent string removal over the seed's
// neighbours' routes), or, now and then, every job of one small route.
func (s *rrSearch) ruin(st *rrState, rng *rand.Rand, out []int32) []int32 {
	out = out[:0]
	dirty := map[int]bool{}
	taken := func(x int) {
		dirty[s.remove(st, x)] = true
		out = append(out, int32(x))
	}
	if rng.IntN(10) == 0 {
		// A route removal: prefer short routes.
		best, bestL := -1, 0
		for try := 0; try < 3; try++ {
			ri := rng.IntN(len(st.routes))
			for k := 0; k < len(st.routes) && len(st.routes[ri].nodes) == 0; k++ {
				ri = (ri + 1) % len(st.routes)
			}
			if l := len(st.routes[ri].nodes); l > 0 && (best < 0 || l < bestL) {
				best, bestL = ri, l
			}
		}
		if best >= 0 {
			for _, i := range slices.Clone(st.routes[best].nodes) {
				if x := s.jobOf[i]; x >= 0 && st.where[i] >= 0 && s.jobs[x].pick == i {
					taken(int(x))
				}
			}
		}
	} else {
		seed := rng.IntN(len(s.jobs))
		want := 1 + rng.IntN(min(len(s.jobs), 12))
		if st.where[s.jobs[seed].pick] >= 0 {
			taken(seed)
		}
		for _, y := range s.near[seed] {
			if len(out) >= want {
				break
			}
			ri := st.where[s.jobs[y].pick]
			if ri < 0 {
				continue
			}
			// A string of consecutive jobs of y's route around y.
			nodes := st.routes[ri].nodes
			pos := slices.Index(nodes, s.jobs[y].pick)
			span := 1 + rng.IntN(4)
			lo := max(0, pos-rng.IntN(span))
			var xs []int32
			for p := lo; p < min(len(nodes), lo+span); p++ {
				if x := s.jobOf[nodes[p]]; x >= 0 && !slices.Contains(xs, x) {
					xs = append(xs, x)
				}
			}
			for _, x := range xs {
				if len(out) < want && st.where[s.jobs[x].pick] >= 0 {
					taken(int(x))
				}
			}
		}
	}
	for ri := range dirty {
		if s.m.trips {
			s.tidyTrips(&st.routes[ri], &s.m.types[s.m.slotType[ri]])
			continue
		}
		s.refresh(&st.routes[ri], &s.m.types[s.m.slotType[ri]])
	}
	for x, j := range s.jobs {
		if st.where[j.pick] < 0 && !slices.Contains(out, int32(x)) {
			out = append(out, int32(x))
		}
	}
	return out
}

func (s *rrSearch) clone(dst, src *rrState) {
	dst.where = append(dst.where[:0], src.where...)
	if len(dst.routes) != len(src.routes) {
		dst.routes = make([]rrRoute, len(src.routes))
	}
	for ri := range src.routes {
		a, b := &dst.routes[ri], &src.routes[ri]
		a.nodes = append(a.nodes[:0], b.nodes...)
		a.start = append(a.start[:0], b.start...)
		a.latest = append(a.latest[:0], b.latest...)
		a.load = append(a.load[:0], b.load...)
		a.trip = append(a.trip[:0], b.trip...)
		a.dist, a.travel, a.stops, a.trips, a.late = b.dist, b.travel, b.stops, b.trips, b.late
	}
}

// anneal runs one worker: a greedy start, then ruin and recreate with
// simulated annealing from temperature t0 down to t0/100 over the budget
// (the share of iterations or time spent, whichever is larger).
func (s *rrSearch) anneal(ctx context.Context, rng *rand.Rand, iters int64, start time.Time, deadline time.Time) (*rrState, int64) {
	m := s.m
	cur := &rrState{routes: make([]rrRoute, len(m.slotType)), where: make([]int32, m.n)}
	for i := range cur.where {
		cur.where[i] = -1
	}
	for ri := range cur.routes {
		s.refresh(&cur.routes[ri], &m.types[m.slotType[ri]])
	}
	all := make([]int32, len(s.jobs))
	for x := range all {
		all[x] = int32(x)
	}
	s.recreate(cur, all, rng)
	best, cand := &rrState{}, &rrState{}
	s.clone(best, cur)
	curC := s.cost(cur)
	bestC := curC
	// The temperature scale: the mean arc cost of the start.
	var arcs, dist float64
	for ri := range cur.routes {
		if l := len(cur.routes[ri].nodes); l > 0 {
			arcs += float64(l + 1)
			t := &m.types[m.slotType[ri]]
			dist += t.cpd*float64(cur.routes[ri].dist) + t.cpt*float64(cur.routes[ri].travel)
		}
	}
	t0 := 1.0
	if arcs > 0 {
		t0 = max(dist/arcs, 1e-9) * 2
	}
	var it int64
	var out []int32
	span := deadline.Sub(start)
	var spent float64 // share of the time limit used, read every 64 iterations
	for ; iters == 0 || it < iters; it++ {
		if it&63 == 0 {
			if ctx.Err() != nil {
				break
			}
			if !deadline.IsZero() && span > 0 {
				spent = float64(time.Since(start)) / float64(span)
			}
		}
		frac := spent
		if iters > 0 {
			frac = max(frac, float64(it)/float64(iters))
		}
		temp := t0 * math.Pow(0.01, min(frac, 1))
		s.clone(cand, cur)
		out = s.ruin(cand, rng, out)
		s.recreate(cand, out, rng)
		c := s.cost(cand)
		if c < curC-temp*math.Log(rng.Float64()) {
			cur, cand = cand, cur
			curC = c
			if c < bestC-1e-9 {
				s.clone(best, cur)
				bestC = c
			}
		}
	}
	return best, it
}

// ruinRecreate runs opt.Threads annealing workers and returns the best
// plan.
func (m *model) ruinRecreate(ctx context.Context, opt Options, start time.Time) *result {
	s := m.newRR()
	res := &result{method: "ruin_recreate", stop: solver.StopIterations}
	w := max(opt.Threads, 1)
	iters := opt.Iterations
	if iters > 0 {
		iters = (iters + int64(w) - 1) / int64(w)
	}
	dl, _ := ctx.Deadline()
	bests := make([]*rrState, w)
	its := make([]int64, w)
	if len(s.jobs) > 0 {
		var wg sync.WaitGroup
		for k := range w {
			wg.Go(func() {
				rng := rand.New(rand.NewPCG(opt.Seed, uint64(k)))
				bests[k], its[k] = s.anneal(ctx, rng, iters, start, dl)
			})
		}
		wg.Wait()
	}
	p := &plan{routes: make([][]int32, len(m.slotType))}
	if len(s.jobs) > 0 {
		bk, bc := 0, math.Inf(1)
		for k, b := range bests {
			if c := s.cost(b); c < bc-1e-9 {
				bk, bc = k, c
			}
		}
		for ri := range p.routes {
			p.routes[ri] = slices.Clone(bests[bk].routes[ri].nodes)
		}
	}
	for _, n := range its {
		res.iterations += n
	}
	if err := ctx.Err(); err != nil {
		res.stop = solver.ReasonFor(err)
	}
	res.plan = p
	res.why = map[int32]string{}
	return res
}
