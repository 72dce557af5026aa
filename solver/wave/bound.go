package wave

import (
	"cmp"
	"math"
	"slices"
)

// waveBound computes the wave's lower bounds (see Bound): the largest of
// the simple bounds (simpleBound) and the aisle bound.
func (m *model) waveBound(r *Router, wd *waveDef, units []unit) Bound {
	bd := m.simpleBound(r, wd, units)
	if len(units) > 0 {
		bd.DistanceM = max(bd.DistanceM, m.aisleBound(units, bd.Carts))
	}
	return bd
}

// simpleBound computes the cart bound and the distance bounds that do not
// look at aisles: Carts times the nearest start–SKU–end walk, the radial
// bounds by volume and by weight, and one tour over the mandatory
// locations.
func (m *model) simpleBound(r *Router, wd *waveDef, units []unit) Bound {
	c := m.in.Cart
	var vol, w int64
	lines := map[[2]int32]bool{} // (pickup point or -1, SKU)
	ppVol := map[int32]int64{}
	must := map[int32]bool{}
	for _, u := range units {
		vol += u.vol
		w += u.w
		for _, f := range u.frags {
			s := m.locSKU[f.l]
			p := int32(-1)
			if m.opt.Mode == PickByOrder {
				p = m.orderPP[f.o]
			}
			lines[[2]int32{p, s}] = true
			ppVol[m.orderPP[f.o]] += f.qty * m.skuVol[s]
			if m.single[s] {
				must[f.l] = true
			}
		}
	}
	ceil := func(a, b int64) int {
		if b <= 0 || a <= 0 {
			return 0
		}
		return int((a + b - 1) / b)
	}
	var bd Bound
	if len(units) > 0 {
		bd.Carts = max(1, ceil(vol, c.VolumeCm3), ceil(w, c.WeightG), ceil(int64(len(lines)), int64(c.Lines)))
		if m.opt.Mode == PickByOrder {
			bins := int64(0)
			for _, p := range wd.pps {
				if v := ppVol[p]; v > 0 && c.BinVolumeCm3 > 0 {
					bins += int64(ceil(v, c.BinVolumeCm3))
				} else if _, ok := ppVol[p]; ok {
					bins++
				}
			}
			bd.Carts = max(bd.Carts, ceil(bins, int64(c.Bins)))
		}
	}
	g := m.g
	// every cart walks at least to the nearest location of some SKU of the
	// wave and on to the end
	if bd.Carts > 0 {
		near := math.Inf(1)
		for _, u := range units {
			for _, f := range u.frags {
				near = min(near, m.skuRadial(m.locSKU[f.l]))
			}
		}
		bd.DistanceM = float64(bd.Carts) * near
	}
	bd.DistanceM = max(bd.DistanceM, m.radialBound(units, mustVolCap(c, m.opt.Mode), false), m.radialBound(units, c.WeightG, true))
	if len(must) == 0 {
		return bd
	}
	r.pts = r.pts[:0]
	ls := make([]int32, 0, len(must))
	for l := range must {
		ls = append(ls, l)
	}
	slices.Sort(ls)
	for _, l := range ls {
		loc := &m.in.Locations[l]
		r.pts = append(r.pts, g.pick(loc.Aisle, loc.Cell))
	}
	if g.nc <= maxDPCross {
		path := r.route(g, Optimal, false).DistanceM
		if !g.sameDepot {
			path = min(path, r.closedBound(g))
		}
		bd.DistanceM = max(bd.DistanceM, path)
		return bd
	}
	// beyond the DP: the farthest mandatory location there and back
	sy, ey := g.crossY[g.start.CrossAisle], g.crossY[g.end.CrossAisle]
	for _, p := range r.pts {
		d := g.dist(g.start.Aisle, sy, int(p.a), p.y) + g.dist(int(p.a), p.y, g.end.Aisle, ey) + g.start.OffsetM + g.end.OffsetM
		bd.DistanceM = max(bd.DistanceM, d)
	}
	return bd
}

// mustVolCap is the most volume one cart can carry: the cart volume and, in
// pick-by-order, its bins' total; 0 when unlimited.
func mustVolCap(c Cart, mode Mode) int64 {
	v := c.VolumeCm3
	if mode == PickByOrder && c.BinVolumeCm3 > 0 && c.Bins > 0 {
		if b := c.BinVolumeCm3 * int64(c.Bins); v == 0 || b < v {
			v = b
		}
	}
	return v
}

// skuRadial is the shortest walk from the start through any stocked
// location of SKU s to the end, depot offsets included; compile caches it.
func (m *model) skuRadial(s int32) float64 { return m.radial[s] }

// radialOf computes skuRadial(s).
func (m *model) radialOf(s int32) float64 {
	g := m.g
	sy, ey := g.crossY[g.start.CrossAisle], g.crossY[g.end.CrossAisle]
	r := math.Inf(1)
	for _, l := range m.skuLocs[s] {
		loc := &m.in.Locations[l]
		if loc.Stock == 0 {
			continue
		}
		y := g.cellY[loc.Cell]
		r = min(r, g.dist(g.start.Aisle, sy, loc.Aisle, y)+g.dist(loc.Aisle, y, g.end.Aisle, ey))
	}
	return r + g.start.OffsetM + g.end.OffsetM
}

// radialBound is a lower bound on the total walk of the wave's carts: a
// cart that carries goods of SKU s walks at least r(s), from the start
// through the nearest location holding s to the end, whichever locations a
// plan chooses. Relaxing the goods to be divisible, the
// least total is reached by loading carts with capacity capacity in order
// of decreasing r, each cart paying the r of its first load. by weight
// when weight, else by volume; 0 when the capacity is unlimited.
func (m *model) radialBound(units []unit, capacity int64, weight bool) float64 {
	if capacity <= 0 {
		return 0
	}
	type load struct {
		r float64
		q int64
	}
	at := map[int32]int{} // SKU → load
	var ls []load
	for _, u := range units {
		for _, f := range u.frags {
			s := m.locSKU[f.l]
			i, ok := at[s]
			if !ok {
				i = len(ls)
				at[s] = i
				ls = append(ls, load{r: m.skuRadial(s)})
			}
			if weight {
				ls[i].q += f.qty * m.skuW[s]
			} else {
				ls[i].q += f.qty * m.skuVol[s]
			}
		}
	}
	slices.SortStableFunc(ls, func(a, b load) int { return cmp.Compare(b.r, a.r) })
	total, cum, next := 0.0, int64(0), int64(0)
	for _, l := range ls {
		for l.q > 0 && cum+l.q > next {
			total += l.r
			next += capacity
		}
		cum += l.q
	}
	return total
}

// Aisle bound. A cart's walk moves across the aisles only in cross aisles
// and along them only inside aisle segments (the part of an aisle between
// two neighbouring cross aisles), so its length splits into a horizontal
// part, a vertical part per segment and the depot offsets; the aisle bound
// bounds the three parts of all carts' walks separately, from the goods
// every plan must take from a known place (SKUs stocked in one location).
//
// Vertical. Inside a segment of length L a walk is a set of excursions, each
// either passing through (length L, sees the whole segment) or entering
// from one end and returning (twice its depth, sees the part up to its
// turn). To see the picks P of the segment a walk therefore needs at least
// v(P) = min(L, 2(L − G)), G the largest gap between neighbouring picks or
// between an end and its nearest pick. v grows with P, and
// v(P₁) + v(P₂) ≥ v(P₁ ∪ P₂) (the excursions of two walks together see the
// union). For one segment and the carts c with picks Pc there:
//
//	(a) Σc v(Pc) ≥ v(P), P all required picks of the segment.
//	(b) Layer cake: with r(l) = v({l}), Σc v(Pc) ≥ Σc max r over Pc =
//	    ∫ #{c : max r over Pc ≥ t} dt, and the carts reaching r ≥ t carry
//	    all goods with r ≥ t, so at least need(goods with r ≥ t) of them
//	    (need: the most of ⌈volume/cart volume⌉, ⌈weight/cart weight⌉,
//	    ⌈pick lines/cart lines⌉ and, in pick-by-order, ⌈bins/cart bins⌉
//	    with ⌈volume/bin volume⌉ bins per pickup point, at least one; a
//	    pick line is one (pickup point, location) pair at least).
//	(c) Pick-by-order: a bin holds one pickup point, so a cart serves at
//	    most B = Cart.Bins pickup points and v(Pc) ≥ (1/B) Σ v(Pcp) over its
//	    pickup points p (Pcp ⊆ Pc the picks it makes for p); as the carts'
//	    Pcp together hold p's required picks Rp of the segment,
//	    Σc v(Pc) ≥ (1/B) Σp v(Rp).
//
// Traversals. Carts cross a block only by walking one of its segments end
// to end: a cart with picks beyond the block (both depots on the near side)
// does so twice, and with the depots on either side every cart once; at
// least need(goods beyond) carts have picks beyond. If a segment is
// traversed tau times in all, its carts walk at least f(tau) (traverseCost),
// with f(0) the largest of (a)–(c); a block pays the least sum of f over
// its segments with as many traversals as its carts need.
//
// All of this holds however goods are split between bins and carts, and
// whichever locations SKUs stored in several places are taken from.
//
// Horizontal. Every cart walks at least the aisle distance from the start
// aisle to the end aisle, and crosses every gap between neighbouring aisles
// outside that range twice if it has picks beyond the gap; at least
// need(goods beyond) carts do. Offsets: every cart walks both depot offsets.
// With k a lower bound on the carts, the bound is the blocks' vertical
// bounds plus k times the start–end aisle distance and offsets, plus the
// crossings outside the range. Cost: one pass over the wave's fragments, a
// sort per segment and one per block.
func (m *model) aisleBound(units []unit, carts int) float64 {
	g := m.g
	byOrder := m.opt.Mode == PickByOrder
	// goods: one per (pickup point or -1, location) of a single-location SKU
	type good struct {
		p, seg int32
		y, r   float64
		vol, w int64
	}
	// goods at a location form a list: head[l] and next[i] are indices + 1
	head := make([]int32, len(m.in.Locations))
	var next []int32
	var goods []good
	for _, u := range units {
		for _, f := range u.frags {
			s := m.locSKU[f.l]
			if !m.single[s] {
				continue
			}
			p := int32(-1)
			if byOrder {
				p = m.orderPP[f.o]
			}
			i := head[f.l] - 1
			for i >= 0 && goods[i].p != p {
				i = next[i] - 1
			}
			if i < 0 {
				i = int32(len(goods))
				next = append(next, head[f.l])
				head[f.l] = i + 1
				loc := &m.in.Locations[f.l]
				b := int(g.cellBlock[loc.Cell])
				y := g.cellY[loc.Cell]
				yt, yb := g.crossY[b], g.crossY[b+1]
				goods = append(goods, good{p: p, seg: int32(loc.Aisle*g.nb + b), y: y,
					r: min(yb-yt, 2*min(y-yt, yb-y))})
			}
			goods[i].vol += f.qty * m.skuVol[s]
			goods[i].w += f.qty * m.skuW[s]
		}
	}
	nd := newNeed(m.in.Cart, m.opt.Mode, len(m.ppID))
	total := float64(carts) * (float64(abs(g.start.Aisle-g.end.Aisle))*g.pitch + g.start.OffsetM + g.end.OffsetM)
	// horizontal: gaps left of the depots' aisles, then right of them
	lo, hi := min(g.start.Aisle, g.end.Aisle), max(g.start.Aisle, g.end.Aisle)
	byAisle := make([][]int32, g.m)
	for i, gd := range goods {
		a := int(gd.seg) / g.nb
		byAisle[a] = append(byAisle[a], int32(i))
	}
	nd.reset()
	for a := 0; a < lo; a++ {
		for _, i := range byAisle[a] {
			nd.add(goods[i].p, goods[i].vol, goods[i].w)
		}
		total += 2 * g.pitch * float64(nd.carts())
	}
	nd.reset()
	for a := g.m - 1; a > hi; a-- {
		for _, i := range byAisle[a] {
			nd.add(goods[i].p, goods[i].vol, goods[i].w)
		}
		total += 2 * g.pitch * float64(nd.carts())
	}
	// vertical, segment by segment
	order := make([]int32, len(goods))
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(x, y int32) int {
		a, b := &goods[x], &goods[y]
		return cmp.Or(cmp.Compare(a.seg, b.seg), cmp.Compare(a.p, b.p), cmp.Compare(a.y, b.y))
	})
	nseg := g.m * g.nb
	segs := make([]segBound, nseg)
	ppOff := make([]int32, nseg+1)   // [seg]: start of its v(Rp) in ppV
	stepOff := make([]int32, nseg+1) // [seg]: start of its steps in stepW, stepN
	var ppV, stepW []float64
	var stepN []int64
	var ys []float64
	var byR, side []int32
	for i, sg := 0, int32(0); sg < int32(nseg); sg++ {
		ppOff[sg], stepOff[sg] = int32(len(ppV)), int32(len(stepW))
		j := i
		for j < len(order) && goods[order[j]].seg == sg {
			j++
		}
		if j == i {
			continue
		}
		run := order[i:j]
		i = j
		b := int(sg) % g.nb
		yt, yb := g.crossY[b], g.crossY[b+1]
		L := yb - yt
		// (a) all picks; (c) per pickup point, runs sorted by (p, y)
		ys = ys[:0]
		perPP := 0.0
		for k := 0; k < len(run); {
			p := goods[run[k]].p
			q := k
			for q < len(run) && goods[run[q]].p == p {
				ys = append(ys, goods[run[q]].y)
				q++
			}
			if byOrder {
				v := coverLen(ys[len(ys)-(q-k):], yt, yb)
				perPP += v
				ppV = append(ppV, v)
			}
			k = q
		}
		slices.Sort(ys)
		ys = slices.Compact(ys)
		best := coverLen(ys, yt, yb)
		if byOrder {
			best = max(best, perPP/float64(m.in.Cart.Bins))
			slices.SortFunc(ppV[ppOff[sg]:], func(x, y float64) int { return cmp.Compare(y, x) })
		}
		// (b) layer cake over r
		byR = append(byR[:0], run...)
		slices.SortFunc(byR, func(x, y int32) int { return cmp.Compare(goods[y].r, goods[x].r) })
		nd.reset()
		layer := 0.0
		for k, gi := range byR {
			gd := &goods[gi]
			nd.add(gd.p, gd.vol, gd.w)
			next := 0.0
			if k+1 < len(byR) {
				next = goods[byR[k+1]].r
			}
			layer += (gd.r - next) * float64(nd.carts())
		}
		// (d) the goods nearer each end, deepest first, as depth steps
		for _, top := range []bool{true, false} {
			depth := func(gi int32) float64 {
				if top {
					return goods[gi].y - yt
				}
				return yb - goods[gi].y
			}
			side = side[:0]
			for _, gi := range run {
				if d := goods[gi].y - yt; (d <= L-d) == top {
					side = append(side, gi)
				}
			}
			slices.SortFunc(side, func(x, y int32) int { return cmp.Compare(depth(y), depth(x)) })
			nd.reset()
			for k, gi := range side {
				gd := &goods[gi]
				nd.add(gd.p, gd.vol, gd.w)
				next := 0.0
				if k+1 < len(side) {
					next = depth(side[k+1])
				}
				if w := depth(gi) - next; w > 0 {
					stepW = append(stepW, w)
					stepN = append(stepN, nd.carts())
				}
			}
		}
		segs[sg].vb = max(best, layer)
	}
	ppOff[nseg], stepOff[nseg] = int32(len(ppV)), int32(len(stepW))
	for sg := range segs {
		sb := &segs[sg]
		sb.vs = ppV[ppOff[sg]:ppOff[sg+1]]
		sb.w, sb.n = stepW[stepOff[sg]:stepOff[sg+1]], stepN[stepOff[sg]:stepOff[sg+1]]
		b := sg % g.nb
		sb.L = g.crossY[b+1] - g.crossY[b]
		sb.minimise()
		sb.vb = max(sb.vb, sb.e(sb.fstar))
	}
	// block by block, with the traversals carts need to cross it
	var incs []float64
	for b := range g.nb {
		L := g.crossY[b+1] - g.crossY[b]
		ks, ke := g.start.CrossAisle, g.end.CrossAisle
		var T int64
		switch {
		case ks <= b && ke <= b, ks > b && ke > b:
			// both depots on one side: carts with picks beyond cross twice
			nd.reset()
			for _, gd := range goods {
				if gb := int(gd.seg) % g.nb; gb > b && ks <= b || gb < b && ks > b {
					nd.add(gd.p, gd.vol, gd.w)
				}
			}
			T = 2 * nd.carts()
		default:
			T = int64(carts) // every cart crosses once
		}
		// least sum of f over the aisles with T traversals: f is convex in
		// tau, so take the T smallest increments; an aisle's increments
		// never exceed L, and once one reaches L the rest do
		incs = incs[:0]
		for a := range g.m {
			sb := &segs[a*g.nb+b]
			total += sb.vb
			prev := sb.vb
			for tau := int64(1); tau <= T; tau++ {
				f := sb.f(tau, m.in.Cart.Bins, byOrder)
				if f-prev >= L-yTol {
					break
				}
				incs = append(incs, f-prev)
				prev = f
			}
		}
		slices.Sort(incs)
		for k := range T {
			if k < int64(len(incs)) {
				total += incs[k]
			} else {
				total += L
			}
		}
	}
	return total
}

// segBound is what the aisle bound keeps of one aisle segment of length L.
type segBound struct {
	L     float64
	vb    float64   // f(0): the largest of (a)–(d)
	vs    []float64 // (c): v(Rp) per pickup point, largest first
	w     []float64 // (d): depth steps of both ends' goods
	n     []int64   // (d): carts the goods at least that deep need
	fstar int64     // (d): the F that minimises e
}

// e is the (d) bound with F full carts: a cart that neither traverses the
// segment nor walks 2a + 2b >= L (a, b its reach from the top and the
// bottom) sees from the top only goods nearer the top, and from the bottom
// only goods nearer the bottom, and walks 2a + 2b; the others walk at least
// L and carry at most F carts' goods. So the carts walk at least
// F·L + 2 Σ w·max(0, n − F) over the steps of both ends. e is convex in F
// (a sum of convex terms) and rises by at most L per step.
func (sb *segBound) e(F int64) float64 {
	x := float64(F) * sb.L
	for k, w := range sb.w {
		if sb.n[k] > F {
			x += 2 * w * float64(sb.n[k]-F)
		}
	}
	return x
}

// minimise sets fstar, the least minimiser of the convex e.
func (sb *segBound) minimise() {
	hi := int64(0)
	for _, n := range sb.n {
		hi = max(hi, n)
	}
	lo := int64(0) // e is nondecreasing from hi on
	for lo < hi {
		mid := (lo + hi) / 2
		if sb.e(mid+1) < sb.e(mid) {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	sb.fstar = lo
}

// f is a lower bound on the walking all carts do in the segment when they
// traverse it tau times in all. Each traversal walks L and sees every pick
// of its cart's pickup points (at most bins of them), so the carts that do
// not traverse still pay (c) for the other pickup points, whose v(Rp) sum
// to at least the total less the bins·tau largest; and at least tau carts
// are full in the sense of e, since a traversal walks L, unless one cart
// traverses several times, which walks more and covers less. So
// f(tau) = max(vb, e(max(tau, fstar)), h(tau)) with h(tau) = tau·L + (sum
// of vs after the first bins·tau)/bins. h rises by L less the mean of the
// next bins values of vs (each <= L), which shrinks as tau grows: h is
// convex and nondecreasing with h(0) <= vb; e(max(tau, fstar)) is convex
// and nondecreasing too. So f is convex, f(0) = vb, and its increments
// never exceed L.
func (sb *segBound) f(tau int64, bins int, byOrder bool) float64 {
	if tau == 0 {
		return sb.vb
	}
	rest := 0.0
	if B := int64(bins); byOrder && B*tau < int64(len(sb.vs)) {
		for _, v := range sb.vs[B*tau:] {
			rest += v
		}
		rest /= float64(B)
	}
	return max(sb.vb, sb.e(max(tau, sb.fstar)), float64(tau)*sb.L+rest)
}

// coverLen is v(P) of the aisle bound: the least walking inside a segment
// from yt to yb that sees the picks at ys (sorted, not empty).
func coverLen(ys []float64, yt, yb float64) float64 {
	gap := max(ys[0]-yt, yb-ys[len(ys)-1])
	for k := 1; k < len(ys); k++ {
		gap = max(gap, ys[k]-ys[k-1])
	}
	L := yb - yt
	return min(L, 2*(L-gap))
}

// need counts the carts a set of goods needs at least (see aisleBound).
type need struct {
	vcap, wcap, lcap int64 // 0: unlimited
	bins, bvol       int64 // pick-by-order: bins per cart and bin volume; 0: no bins
	vol, w, lines    int64
	binsUsed         int64
	ppVol            []int64 // [p]
	touched          []int32
}

func newNeed(c Cart, mode Mode, pps int) *need {
	n := &need{vcap: mustVolCap(c, mode), wcap: c.WeightG, lcap: int64(c.Lines)}
	if mode == PickByOrder {
		n.bins, n.bvol = int64(c.Bins), c.BinVolumeCm3
		n.ppVol = make([]int64, pps)
		for i := range n.ppVol {
			n.ppVol[i] = -1
		}
	}
	return n
}

func (n *need) reset() {
	n.vol, n.w, n.lines, n.binsUsed = 0, 0, 0, 0
	for _, p := range n.touched {
		n.ppVol[p] = -1
	}
	n.touched = n.touched[:0]
}

// add counts one good: vol and w of pickup point p (-1 in total picking)
// from one location, one pick line.
func (n *need) add(p int32, vol, w int64) {
	n.vol += vol
	n.w += w
	n.lines++
	if n.bins == 0 {
		return
	}
	old := n.ppVol[p]
	if old < 0 {
		n.touched = append(n.touched, p)
		n.ppVol[p] = vol
		n.binsUsed += binsFor(vol, n.bvol)
		return
	}
	n.ppVol[p] = old + vol
	n.binsUsed += binsFor(old+vol, n.bvol) - binsFor(old, n.bvol)
}

// binsFor is the least number of bins holding volume v of one pickup
// point: one at least.
func binsFor(v, bvol int64) int64 {
	if bvol <= 0 || v <= 0 {
		return 1
	}
	return (v + bvol - 1) / bvol
}

// carts is the least number of carts for the goods counted: 0 for none,
// else at least one.
func (n *need) carts() int64 {
	if n.lines == 0 {
		return 0
	}
	c := max(int64(1), ceilDiv(n.vol, n.vcap), ceilDiv(n.w, n.wcap), ceilDiv(n.lines, n.lcap))
	if n.bins > 0 {
		c = max(c, ceilDiv(n.binsUsed, n.bins))
	}
	return c
}

func ceilDiv(a, b int64) int64 {
	if a <= 0 || b <= 0 {
		return 0
	}
	return (a + b - 1) / b
}
