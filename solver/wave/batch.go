package wave

import (
	"cmp"
	"context"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
)

// Batching: the units of one wave (bins of one pickup point in
// pick-by-order, SKU quantities from one location in total picking) are
// grouped into cart batches under the cart limits so that the total tour
// length is least. A batch's cost is its tour over the union of its
// locations by the plan's routing policy (exact by default).
//
//   - seed: open a batch with the unit whose own tour is longest, then add
//     the unit with the least added tour length among the 2·Candidates
//     units that open the fewest new aisles; repeat until nothing fits
//     (seed algorithms, de Koster et al. 1999).
//   - savings: merge batches in order of the Clarke–Wright saving
//     c(A)+c(B)−c(A∪B) of unit pairs, pairs drawn from each unit's
//     nearest units by shared aisles; then each batch, lightest first,
//     joins the batch giving the largest saving (mergeLeft).
//   - fcfs: units in arrival order, next fit (the baseline).
//   - local search: relocate a unit to one of the Candidates batches
//     sharing most aisles with it, or swap it with one of the three units
//     of such a batch sharing most aisles with its own batch; first
//     improvement, until no move gains; only batches changed since their
//     last scan are rescanned.
//   - ils: local search, then Iterations rounds of a random perturbation
//     (two swaps or relocations between random batches) and local search,
//     keeping the best plan; stops early after 15 rounds without gain.

// unit is what batching moves between carts.
type unit struct {
	vol, w int64
	lines  int32
	bins   int32   // 1 in pick-by-order
	locs   []int32 // distinct locations
	frags  []frag
	pp     int32 // pick-by-order: the bin's pickup point; else -1
	first  int32 // arrival key: smallest order index
	aisles []uint64
}

// caps are the cart limits, math.MaxInt64 where unlimited.
type caps struct {
	vol, w      int64
	lines, bins int32
}

type batchSt struct {
	units  []int32
	vol, w int64
	lines  int32
	bins   int32
	cost   float64
	dirty  bool
	acc    []uint64 // aisles of its units; nil when stale
}

type batcher struct {
	m      *model
	r      *Router
	policy Policy
	units  []unit
	cap    caps
	rng    *rand.Rand
	cand   int
	bs     []*batchSt
	of     []int32 // unit → batch index
	stamp  []int32 // per location
	tick   int32
	evals  int64
	set    []int32
	memo   map[uint64]float64 // location-set hash → cost
	ctx    context.Context
}

// cost is the tour length over the union of the units' locations. Costs
// are memoised by location set: many moves leave a batch's set unchanged.
func (b *batcher) cost(us ...[]int32) float64 {
	b.tick++
	if b.tick == math.MaxInt32 {
		clear(b.stamp)
		b.tick = 1
	}
	b.set = b.set[:0]
	h := uint64(0)
	for _, set := range us {
		for _, u := range set {
			for _, l := range b.units[u].locs {
				if b.stamp[l] != b.tick {
					b.stamp[l] = b.tick
					b.set = append(b.set, l)
					h += zobrist(l)
				}
			}
		}
	}
	h ^= uint64(len(b.set)) * 0x9e3779b97f4a7c15
	if c, ok := b.memo[h]; ok {
		return c
	}
	g := b.m.g
	b.r.pts = b.r.pts[:0]
	for _, l := range b.set {
		loc := &b.m.in.Locations[l]
		b.r.pts = append(b.r.pts, g.pick(loc.Aisle, loc.Cell))
	}
	b.evals++
	c := b.r.route(g, b.policy, false).DistanceM
	if len(b.memo) >= 1<<20 {
		clear(b.memo)
	}
	b.memo[h] = c
	return c
}

// zobrist is a fixed pseudo-random word per location (splitmix64), summed
// into an order-free hash of a location set.
func zobrist(l int32) uint64 {
	z := uint64(l) + 0x9e3779b97f4a7c15
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (b *batcher) fits(vol, w int64, lines, bins int32) bool {
	return vol <= b.cap.vol && w <= b.cap.w && lines <= b.cap.lines && bins <= b.cap.bins
}

func (b *batcher) add(bt *batchSt, u int32) {
	x := &b.units[u]
	bt.units = append(bt.units, u)
	bt.acc = nil
	bt.vol += x.vol
	bt.w += x.w
	bt.lines += x.lines
	bt.bins += x.bins
}

func (b *batcher) remove(bt *batchSt, u int32) {
	x := &b.units[u]
	i := slices.Index(bt.units, u)
	bt.units = slices.Delete(bt.units, i, i+1)
	bt.acc = nil
	bt.vol -= x.vol
	bt.w -= x.w
	bt.lines -= x.lines
	bt.bins -= x.bins
}

func (b *batcher) canAdd(bt *batchSt, u int32) bool {
	x := &b.units[u]
	return b.fits(bt.vol+x.vol, bt.w+x.w, bt.lines+x.lines, bt.bins+x.bins)
}

func (b *batcher) canSwap(bt *batchSt, out, in int32) bool {
	o, i := &b.units[out], &b.units[in]
	return b.fits(bt.vol-o.vol+i.vol, bt.w-o.w+i.w, bt.lines-o.lines+i.lines, bt.bins-o.bins+i.bins)
}

func (b *batcher) stopped() bool { return b.ctx.Err() != nil }

// newAisles counts aisles of unit u outside the set acc.
func newAisles(u *unit, acc []uint64) int {
	n := 0
	for i, x := range u.aisles {
		n += bits.OnesCount64(x &^ acc[i])
	}
	return n
}

func (b *batcher) aisleSet(bt *batchSt) []uint64 {
	if bt.acc != nil {
		return bt.acc
	}
	acc := make([]uint64, len(b.units[0].aisles))
	defer func() { bt.acc = acc }()
	for _, u := range bt.units {
		for i, x := range b.units[u].aisles {
			acc[i] |= x
		}
	}
	return acc
}

// fcfs fills carts with units in arrival order, next fit.
func (b *batcher) fcfs(order []int32) {
	var cur *batchSt
	for _, u := range order {
		if cur == nil || !b.canAdd(cur, u) {
			cur = &batchSt{}
			b.bs = append(b.bs, cur)
		}
		b.add(cur, u)
	}
}

// seed builds batches by the seed rule (see the file comment).
func (b *batcher) seed() {
	n := len(b.units)
	solo := make([]float64, n)
	left := make([]int32, 0, n)
	for u := range n {
		solo[u] = b.cost([]int32{int32(u)})
		left = append(left, int32(u))
	}
	slices.SortStableFunc(left, func(x, y int32) int { return cmp.Compare(solo[y], solo[x]) })
	type cand struct {
		u     int32
		score int
	}
	var cs []cand
	for len(left) > 0 {
		if b.stopped() {
			b.fcfs(left)
			return
		}
		bt := &batchSt{}
		b.bs = append(b.bs, bt)
		b.add(bt, left[0])
		left = left[1:]
		bt.cost = solo[bt.units[0]]
		acc := slices.Clone(b.aisleSet(bt))
		for {
			cs = cs[:0]
			for i, u := range left {
				if b.canAdd(bt, u) {
					cs = append(cs, cand{int32(i), newAisles(&b.units[u], acc)})
				}
			}
			if len(cs) == 0 {
				break
			}
			slices.SortStableFunc(cs, func(x, y cand) int { return cmp.Compare(x.score, y.score) })
			cs = cs[:min(len(cs), 2*b.cand)]
			best, bi := math.Inf(1), int32(-1)
			for _, c := range cs {
				if d := b.cost(bt.units, []int32{left[c.u]}); d < best {
					best, bi = d, c.u
				}
			}
			u := left[bi]
			left = slices.Delete(left, int(bi), int(bi)+1)
			b.add(bt, u)
			bt.cost = best
			for i, x := range b.units[u].aisles {
				acc[i] |= x
			}
		}
	}
}

// savings builds batches by Clarke–Wright savings (see the file comment).
func (b *batcher) savings() {
	n := len(b.units)
	b.bs = make([]*batchSt, n)
	solo := make([]float64, n)
	for u := range n {
		bt := &batchSt{}
		b.add(bt, int32(u))
		bt.cost = b.cost(bt.units)
		solo[u] = bt.cost
		b.bs[u] = bt
	}
	type pair struct {
		i, j int32
		s    float64
	}
	var ps []pair
	seen := map[[2]int32]bool{}
	k := 2 * b.cand
	near := make([]int32, 0, n)
	for i := range n {
		if b.stopped() {
			break
		}
		near = near[:0]
		for j := range n {
			if j != i {
				near = append(near, int32(j))
			}
		}
		ai := b.units[i].aisles
		shared := func(j int32) int {
			s := 0
			for x, w := range b.units[j].aisles {
				s += bits.OnesCount64(w & ai[x])
			}
			return s
		}
		slices.SortStableFunc(near, func(x, y int32) int { return cmp.Compare(shared(y), shared(x)) })
		for _, j := range near[:min(k, len(near))] {
			key := [2]int32{min(int32(i), j), max(int32(i), j)}
			if !seen[key] {
				seen[key] = true
				s := solo[i] + solo[j] - b.cost([]int32{int32(i), j})
				ps = append(ps, pair{int32(i), j, s})
			}
		}
	}
	slices.SortStableFunc(ps, func(x, y pair) int { return cmp.Compare(y.s, x.s) })
	of := make([]int, n)
	for i := range of {
		of[i] = i
	}
	for _, p := range ps {
		if p.s <= 0 || b.stopped() {
			break
		}
		A, B := b.bs[of[p.i]], b.bs[of[p.j]]
		if A == B || !b.fits(A.vol+B.vol, A.w+B.w, A.lines+B.lines, A.bins+B.bins) {
			continue
		}
		c := b.cost(A.units, B.units)
		if A.cost+B.cost-c <= 1e-9 {
			continue
		}
		for _, u := range B.units {
			b.add(A, u)
			of[u] = of[p.i]
		}
		A.cost = c
		B.units = nil
	}
	b.compact()
	b.mergeLeft()
}

// mergeLeft merges batches the savings lists left apart: each batch,
// lightest first, joins the batch that can take it with the largest
// positive saving. Unit pairs come from each unit's nearest units only,
// so when many units share their aisles (a pickup point's bins of one
// zone) whole groups of batches never meet in the lists. One pass costs
// one tour per pair of batches.
func (b *batcher) mergeLeft() {
	idx := make([]int, len(b.bs))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(b.bs[x].vol, b.bs[y].vol) })
	for _, i := range idx {
		A := b.bs[i]
		if len(A.units) == 0 {
			continue
		}
		if b.stopped() {
			break
		}
		best, bj := 1e-9, -1
		var bc float64
		for j, B := range b.bs {
			if j == i || len(B.units) == 0 || !b.fits(A.vol+B.vol, A.w+B.w, A.lines+B.lines, A.bins+B.bins) {
				continue
			}
			c := b.cost(A.units, B.units)
			if s := A.cost + B.cost - c; s > best {
				best, bj, bc = s, j, c
			}
		}
		if bj < 0 {
			continue
		}
		B := b.bs[bj]
		for _, u := range A.units {
			b.add(B, u)
		}
		B.cost = bc
		A.units = nil
	}
	b.compact()
}

// total is the sum of batch costs.
func (b *batcher) total() float64 {
	s := 0.0
	for _, bt := range b.bs {
		s += bt.cost
	}
	return s
}

func (b *batcher) index() {
	b.of = slices.Grow(b.of[:0], len(b.units))[:len(b.units)]
	for i, bt := range b.bs {
		for _, u := range bt.units {
			b.of[u] = int32(i)
		}
	}
}

// swapPartners is how many units of a candidate batch a unit may swap with.
const swapPartners = 3

// localSearch applies improving relocations and swaps until none is left
// among dirty batches, or ctx ends.
func (b *batcher) localSearch() {
	const eps = 1e-9
	b.index()
	type near struct {
		bi, shared int
	}
	var ns, vs []near
	var bw []int32
	for pass := true; pass; {
		pass = false
		for ai, A := range b.bs {
			if !A.dirty || len(A.units) == 0 {
				continue
			}
			if b.stopped() {
				return
			}
			A.dirty = false
			for ui := 0; ui < len(A.units); ui++ {
				u := A.units[ui]
				without := make([]int32, 0, len(A.units))
				for _, x := range A.units {
					if x != u {
						without = append(without, x)
					}
				}
				cA := 0.0
				if len(without) > 0 {
					cA = b.cost(without)
				}
				ns = ns[:0]
				for bi, B := range b.bs {
					if bi == ai || len(B.units) == 0 {
						continue
					}
					ns = append(ns, near{bi, len(b.units[u].aisles) - newAisles(&b.units[u], b.aisleSet(B))})
				}
				slices.SortStableFunc(ns, func(x, y near) int { return cmp.Compare(y.shared, x.shared) })
				moved := false
				// Tours only grow with more locations, so a move that frees
				// nothing in A (and B) cannot gain: skip its evaluations.
				freed := A.cost - cA
				for _, nb := range ns[:min(len(ns), b.cand)] {
					B := b.bs[nb.bi]
					if freed > eps && b.canAdd(B, u) {
						cB := b.cost(B.units, []int32{u})
						if d := cA + cB - A.cost - B.cost; d < -eps {
							b.remove(A, u)
							b.add(B, u)
							A.cost, B.cost = cA, cB
							A.dirty, B.dirty = true, true
							b.of[u] = int32(nb.bi)
							moved = true
							break
						}
					}
					// swap partners: the units of B sharing most aisles with A
					vs = vs[:0]
					accA := b.aisleSet(A)
					for _, v := range B.units {
						if b.canSwap(A, u, v) && b.canSwap(B, v, u) {
							vs = append(vs, near{int(v), len(b.units[v].aisles) - newAisles(&b.units[v], accA)})
						}
					}
					slices.SortStableFunc(vs, func(x, y near) int { return cmp.Compare(y.shared, x.shared) })
					for _, vn := range vs[:min(len(vs), swapPartners)] {
						v := int32(vn.bi)
						bw = bw[:0]
						for _, x := range B.units {
							if x != v {
								bw = append(bw, x)
							}
						}
						cBv := b.cost(bw)
						if freed+B.cost-cBv <= eps {
							continue
						}
						cA2 := b.cost(without, []int32{v})
						if cA2+cBv-A.cost-B.cost >= -eps {
							continue
						}
						cB2 := b.cost(bw, []int32{u})
						if d := cA2 + cB2 - A.cost - B.cost; d < -eps {
							b.remove(A, u)
							b.remove(B, v)
							b.add(A, v)
							b.add(B, u)
							A.cost, B.cost = cA2, cB2
							A.dirty, B.dirty = true, true
							b.of[u], b.of[v] = int32(nb.bi), int32(ai)
							moved = true
							break
						}
					}
					if moved {
						break
					}
				}
				if moved {
					pass = true
					ui = -1 // A changed: rescan it
				}
			}
		}
	}
}

// snapshot copies the batches.
func (b *batcher) snapshot() []*batchSt {
	out := make([]*batchSt, len(b.bs))
	for i, bt := range b.bs {
		c := *bt
		c.units = slices.Clone(bt.units)
		out[i] = &c
	}
	return out
}

// ils runs iterated local search; it returns the number of rounds run.
func (b *batcher) ils(rounds int) int64 {
	b.compact()
	best, bestCost := b.snapshot(), b.total()
	stale, it := 0, int64(0)
	for ; it < int64(rounds) && stale < 15 && len(b.bs) > 1; it++ {
		if b.stopped() {
			break
		}
		for range 2 {
			A := b.bs[b.rng.IntN(len(b.bs))]
			B := b.bs[b.rng.IntN(len(b.bs))]
			if A == B || len(A.units) == 0 || len(B.units) == 0 {
				continue
			}
			u := A.units[b.rng.IntN(len(A.units))]
			v := B.units[b.rng.IntN(len(B.units))]
			switch {
			case b.canSwap(A, u, v) && b.canSwap(B, v, u):
				b.remove(A, u)
				b.remove(B, v)
				b.add(A, v)
				b.add(B, u)
			case b.canAdd(B, u) && len(A.units) > 1:
				b.remove(A, u)
				b.add(B, u)
			default:
				continue
			}
			A.cost, B.cost = b.cost(A.units), b.cost(B.units)
			A.dirty, B.dirty = true, true
		}
		b.localSearch()
		b.compact()
		if c := b.total(); c < bestCost-1e-9 {
			best, bestCost, stale = b.snapshot(), c, 0
		} else {
			b.bs, stale = b.snapshot0(best), stale+1
		}
	}
	b.bs = best
	return it
}

func (b *batcher) snapshot0(s []*batchSt) []*batchSt {
	out := make([]*batchSt, len(s))
	for i, bt := range s {
		c := *bt
		c.units = slices.Clone(bt.units)
		c.dirty = false
		out[i] = &c
	}
	return out
}

// compact drops empty batches.
func (b *batcher) compact() {
	kept := b.bs[:0]
	for _, bt := range b.bs {
		if len(bt.units) > 0 {
			kept = append(kept, bt)
		}
	}
	b.bs = kept
}
