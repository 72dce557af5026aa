package vrp

import (
	"cmp"
	"math/rand/v2"
	"slices"
)

// sisr.go is the mutation of the hybrid genetic search: one parent's plan
// ruined by the adjacent string removals of SISR and recreated by greedy
// insertion with blinks (Christiaens & Vanden Berghe 2020, "Slack
// induction by string removals for vehicle routing problems", Sections 4
// and 5), then educated by a local search that tests only what changed.
// A parent is a local optimum, so its child differs from it in a few
// routes, and that local search costs a small part of what educating an
// OX child costs: on large instances under short limits the search breeds
// many more offspring, and the crossovers keep the population diverse.

// SISR's published parameters: the mean number of stops removed, the
// longest string, the chance that a split string keeps one more stop, and
// the chance that recreate skips a position.
const (
	sisrMeanRemoved = 10
	sisrMaxString   = 10
	sisrSplitBeta   = 0.01
	sisrBlink       = 0.01
	sisrInsertNear  = 40 // the nearest served stops whose neighbours are insertion positions
)

// sisrAdjacency is, per stop the search places, the other such stops
// nearest first (the order in which a ruin walks from its seed and
// recreate looks for positions), shared read-only by the workers.
func (m *model) sisrAdjacency() [][]int32 {
	return m.nearest(min(m.ns-1, 2*sisrInsertNear), true)
}

// mutation is one worker's scratch for ruin and recreate.
type mutation struct {
	adj     [][]int32
	removed []int32
	ruined  []int64 // per route: stamp of the ruin that took a string from it
	stamp   int64
	key     []int64 // per stop: sort key of the recreate order
}

func newMutation(m *model, adj [][]int32, routes int) *mutation {
	return &mutation{adj: adj, ruined: make([]int64, routes), key: make([]int64, m.n)}
}

// mutate loads p, ruins and recreates it, and leaves the local search set
// to test only the routes that changed (runLocalized).
func (ls *localSearch) mutate(p *plan, mu *mutation, rng *rand.Rand) {
	ls.load(p)
	ls.settled()
	ls.ruin(mu, rng)
	ls.recreate(mu, rng)
}

// settled marks every stop as tested and every route pair as searched
// by SWAP* at the current move: the loaded plan is taken as a local
// optimum, so a localized run tests only pairs of stops where a route
// changed after this point.
func (ls *localSearch) settled() {
	for _, i := range ls.order {
		ls.tested[i] = ls.moves
	}
	if ls.star.enabled {
		for r := range ls.star.lastRun {
			ls.star.lastRun[r] = ls.moves
		}
	}
}

// ruin removes strings of consecutive stops from routes near a random
// seed stop: as many strings as SISR draws, one per route, each of a
// random length up to the routes' mean size, sometimes split around a kept
// middle part.
func (ls *localSearch) ruin(mu *mutation, rng *rand.Rand) {
	mu.removed = mu.removed[:0]
	served, routes := 0, 0
	for r := range ls.R {
		if ls.rsize[r] > 0 {
			served += int(ls.rsize[r])
			routes++
		}
	}
	if served == 0 {
		return
	}
	lsMax := min(float64(sisrMaxString), float64(served)/float64(routes))
	ksMax := 4*float64(sisrMeanRemoved)/(1+lsMax) - 1
	ks := int(rng.Float64()*ksMax) + 1
	var seed int32 = -1
	for seed < 0 || ls.route[seed] < 0 {
		seed = ls.order[rng.IntN(len(ls.order))]
	}
	mu.stamp++
	strings := 0
	take := func(c int32) {
		r := ls.route[c]
		if r < 0 || mu.ruined[r] == mu.stamp {
			return
		}
		mu.ruined[r] = mu.stamp
		strings++
		size := int(ls.rsize[r])
		l := int(rng.Float64()*min(float64(size), lsMax)) + 1
		if l < size && rng.IntN(2) == 0 {
			ls.removeSplitString(r, c, l, mu, rng)
		} else {
			ls.removeString(r, c, l, l, 0, mu, rng)
		}
		ls.moved(r, r)
	}
	take(seed)
	for _, c := range mu.adj[seed] {
		if strings >= ks {
			break
		}
		take(c)
	}
}

// removeSplitString removes l stops of a string of l+k around c, keeping k
// consecutive ones at a random place inside it; k grows from 1 while a
// coin with sisrSplitBeta says so, up to the route's other stops.
func (ls *localSearch) removeSplitString(r, c int32, l int, mu *mutation, rng *rand.Rand) {
	k := 1
	for k < int(ls.rsize[r])-l && rng.Float64() >= sisrSplitBeta {
		k++
	}
	ls.removeString(r, c, l+k, l, k, mu, rng)
}

// removeString removes from route r a string of span consecutive stops
// that holds c at a random place; when keep > 0, the keep stops starting at
// a random offset inside it stay (a split string). Removed stops are
// appended to mu.removed and marked unserved; the caller updates r.
func (ls *localSearch) removeString(r, c int32, span, l, keep int, mu *mutation, rng *rand.Rand) {
	size := int(ls.rsize[r])
	pc := int(ls.pos[c]) // 1..size
	lo, hi := max(1, pc-span+1), min(pc, size-span+1)
	first := lo + rng.IntN(hi-lo+1)
	x := c
	for p := pc; p > first; p-- {
		x = ls.prev[x]
	}
	keepAt := -1
	if keep > 0 {
		keepAt = rng.IntN(l + 1) // removed stops before the kept part
	}
	for k := 0; k < span; k++ {
		nx := ls.next[x]
		if keepAt < 0 || k < keepAt || k >= keepAt+keep {
			ls.unlink(x)
			ls.route[x] = -1
			mu.removed = append(mu.removed, x)
		}
		x = nx
	}
}

// recreate inserts the removed stops one by one, in one of SISR's orders
// (random, largest demand first, farthest from the depot first, nearest
// first; weights 4, 4, 2, 1), each at its cheapest position next to one of
// its nearest served stops or in an empty route, skipping each position
// with probability sisrBlink. An optional stop stays out when serving it
// costs more than missing it; a stop with no position stays out for the
// local search to place.
func (ls *localSearch) recreate(mu *mutation, rng *rand.Rand) {
	m := ls.m
	rem := mu.removed
	depot := m.types[0].start
	w := rng.IntN(11)
	switch {
	case w < 4:
		rng.Shuffle(len(rem), func(a, b int) { rem[a], rem[b] = rem[b], rem[a] })
	case w < 8:
		for _, u := range rem {
			mu.key[u] = 0
			if m.dims > 0 {
				mu.key[u] = -m.demand[int(u)*m.dims]
			}
		}
	case w < 10:
		for _, u := range rem {
			mu.key[u] = -ls.m.dist[0][int(depot)*(m.n+1)+int(u)]
		}
	default:
		for _, u := range rem {
			mu.key[u] = ls.m.dist[0][int(depot)*(m.n+1)+int(u)]
		}
	}
	if w >= 4 {
		slices.SortStableFunc(rem, func(a, b int32) int { return cmp.Compare(mu.key[a], mu.key[b]) })
	}
	for _, u := range rem {
		ls.insertBest(u, mu, rng)
	}
}

// insertBest inserts u at its cheapest position (see recreate) and
// reports whether it did.
func (ls *localSearch) insertBest(u int32, mu *mutation, rng *rand.Rand) bool {
	miss := ls.m.missCost(u)
	best, at := miss, int32(-1)
	try := func(p int32) {
		if rng.Float64() < sisrBlink {
			return
		}
		r := ls.route[p]
		ns := ls.cat3(r, &ls.fwd[p], &ls.nodeSeg[u], &ls.bwd[ls.next[p]])
		if c := ls.cost(r, &ns, ls.rsize[r]+1) - ls.rcost[r]; c < best {
			best, at = c, p
		}
	}
	near := 0
	for _, v := range mu.adj[u] {
		if ls.route[v] < 0 {
			continue
		}
		try(v)
		try(ls.prev[v])
		if near++; near == sisrInsertNear {
			break
		}
	}
	for _, r := range ls.emptyRoutes() {
		try(ls.start(r))
	}
	if at < 0 {
		return false
	}
	r := ls.route[at]
	ls.linkAfter(u, at)
	ls.moved(r, r)
	return true
}
