package alloc

import (
	"context"
	"math"
	"slices"
)

// Transfers share lane capacity between SKUs: a multi-commodity flow with
// integral lots. tmodel holds it densely; solveTransfers finds a plan by
// Lagrangian relaxation of the shared capacities:
//
//   - L(λ) = Σ_k F_k(λ) − Σ_l λ_l·cap_l, where F_k is SKU k's own min-cost
//     flow with every lane priced at its cost plus λ_l per unit and capped
//     at cap_l alone, is a lower bound on the optimum for every λ ≥ 0
//     (weak duality); subgradient steps on the lanes' overloads raise it
//     (Polyak steps towards the best plan's cost, θ halved after five
//     steps without a better bound).
//   - Each λ also yields a plan: the SKUs in input order, each routed at
//     the priced costs within the capacity the earlier ones left, then
//     improved by re-routing one SKU at a time at the real costs within
//     the capacity the others leave (never worse, each step optimal for
//     its SKU). λ = 0 comes first, so the answer is never worse than
//     routing the SKUs one after another.
//
// Each SKU's network charges exactly the reported cost (see skuArcs), so
// flows, bound and cost agree to the unit.
type tmodel struct {
	nw, nk, nl int
	from, to   []int   // per lane
	cost       []int64 // per lane, per unit
	capUnits   []int64 // per lane; Inf: unlimited
	lot        []int64 // per SKU
	looks      [][]outlook
	constant   []int64 // per SKU: spoilage no plan avoids
	shortPen   int64
	spoilPen   int64
}

// outlook is one warehouse's position for one SKU in lots, with the exact
// convex costs of what stays: kept surplus lots cost nothing for the first
// free, then partialSpoil for one lot (when > 0), then spoilPen·lot each;
// unreceived deficit lots cost partialShort for the first, then
// shortPen·lot each.
type outlook struct {
	supply       int64 // surplus lots that may leave
	free         int64
	partialSpoil int64
	deficit      int64 // lots wanted, rounded up
	partialShort int64
	deficitUnits int64
	expiring     int64 // units
}

// skuArcs derives the outlook of a position for a SKU of lot size lot and
// returns the spoilage it cannot avoid. Moved lots are expiring units
// first, so with m lots moved E − m·lot expiring units spoil; as a
// function of the lots kept that cost is convex and piecewise linear, and
// so is the shortage as a function of the lots not received.
func skuArcs(p Position, lot, shortPen, spoilPen int64) (outlook, int64) {
	ord, exp, def := positionOutlook(p)
	o := outlook{supply: (ord + exp) / lot, deficitUnits: def, expiring: exp}
	c := (exp + lot - 1) / lot // lots to move for nothing to spoil
	var constant int64
	if o.supply >= c {
		o.free = o.supply - c
		if c > 0 {
			o.partialSpoil = spoilPen * (exp - (c-1)*lot)
		}
	} else {
		constant = spoilPen * (exp - o.supply*lot)
	}
	o.deficit = (def + lot - 1) / lot
	if o.deficit > 0 {
		o.partialShort = shortPen * (def - (o.deficit-1)*lot)
	}
	return o, constant
}

// buildSKU makes SKU k's network in g: source w, sink nw+w, slack 2nw;
// lanes after the warehouses' arcs, from index first, at cost (cost + price)
// per unit and capacity left (units, or Inf). It returns first.
func (tm *tmodel) buildSKU(g *Network, k int, price, left []int64) int {
	nw, lot := tm.nw, tm.lot[k]
	g.Supply = grow(g.Supply, 2*nw+1)
	clear(g.Supply)
	g.Tail, g.Head, g.Cap, g.Cost = g.Tail[:0], g.Head[:0], g.Cap[:0], g.Cost[:0]
	slack := 2 * nw
	var bal int64
	for w, o := range tm.looks[k] {
		g.Supply[w] = o.supply
		g.Supply[nw+w] = -o.deficit
		bal += o.supply - o.deficit
		kept := o.supply
		if o.free > 0 {
			g.AddArc(w, slack, o.free, 0)
			kept -= o.free
		}
		if o.partialSpoil > 0 && kept > 0 {
			g.AddArc(w, slack, 1, o.partialSpoil)
			kept--
		}
		if kept > 0 {
			g.AddArc(w, slack, kept, tm.spoilPen*lot)
		}
		if o.deficit > 0 {
			g.AddArc(slack, nw+w, 1, o.partialShort)
			if o.deficit > 1 {
				g.AddArc(slack, nw+w, o.deficit-1, tm.shortPen*lot)
			}
		}
	}
	g.Supply[slack] = -bal
	first := g.Arcs()
	for l := range tm.nl {
		c := left[l]
		if c != Inf {
			c /= lot
		}
		var p int64
		if price != nil {
			p = price[l]
		}
		g.AddArc(tm.from[l], nw+tm.to[l], c, (tm.cost[l]+p)*lot)
	}
	return first
}

// transferSolver holds the workspaces of one solve.
type transferSolver struct {
	tm     *tmodel
	g      *Network
	s      netSimplex
	pivots int64
	// warm keeps each SKU's relaxation basis between subgradient steps,
	// which change only lane costs: a step re-prices and pivots from the
	// last optimum instead of starting over. nil when too big to keep.
	warm      []netSimplex
	warmFirst []int // per SKU: index of its first lane arc; -1: not built
}

// maxWarmArcs bounds the arcs the kept bases hold over all SKUs.
const maxWarmArcs = 1 << 22

// relaxed is route within each lane's whole capacity at prices price,
// warm-started from SKU k's previous basis.
func (ts *transferSolver) relaxed(ctx context.Context, k int, price, full, x []int64) (int64, error) {
	if ts.warm == nil {
		return ts.route(ctx, k, price, full, x)
	}
	tm, w := ts.tm, &ts.warm[k]
	first := ts.warmFirst[k]
	if first < 0 {
		first = tm.buildSKU(ts.g, k, price, full)
		w.init(ts.g)
		ts.warmFirst[k] = first
	} else {
		for l := range tm.nl {
			w.setCost(first+l, (tm.cost[l]+price[l])*tm.lot[k])
		}
		w.repotential()
		w.nextArc = 0
	}
	before := w.pivots
	if err := w.run(ctx); err != nil {
		ts.warmFirst[k] = -1 // start over next time
		return 0, err
	}
	ts.pivots += w.pivots - before
	copy(x, w.flow[first:first+tm.nl])
	return w.totalCost() + tm.constant[k], nil
}

// route solves SKU k at lane prices price (nil: none) within left and
// writes its lane flows in lots into x. It returns the flow's cost at the
// priced costs plus the SKU's constant.
func (ts *transferSolver) route(ctx context.Context, k int, price, left, x []int64) (int64, error) {
	first := ts.tm.buildSKU(ts.g, k, price, left)
	ts.s.init(ts.g)
	if err := ts.s.run(ctx); err != nil {
		return 0, err
	}
	ts.pivots += ts.s.pivots
	var obj int64
	for a := range ts.s.m {
		obj += ts.s.flow[a] * ts.g.Cost[a]
	}
	copy(x, ts.s.flow[first:first+ts.tm.nl])
	return obj + ts.tm.constant[k], nil
}

// plan is lane flows in lots per SKU, x[k][l], with its real cost.
type plan struct {
	x    [][]int64
	cost int64
}

func (tm *tmodel) newPlan() *plan {
	p := &plan{x: make([][]int64, tm.nk)}
	for k := range p.x {
		p.x[k] = make([]int64, tm.nl)
	}
	return p
}

// usage returns the units each lane carries in p, leaving out SKU skip
// (-1: none).
func (tm *tmodel) usage(p *plan, skip int, into []int64) {
	clear(into)
	for k, xs := range p.x {
		if k == skip {
			continue
		}
		for l, v := range xs {
			into[l] += v * tm.lot[k]
		}
	}
}

// remaining turns usage into capacity left per lane.
func (tm *tmodel) remaining(used, into []int64) {
	for l, c := range tm.capUnits {
		if c == Inf {
			into[l] = Inf
		} else {
			into[l] = c - used[l]
		}
	}
}

// primal builds a plan at prices price (nil: real costs) SKU after SKU,
// then improves it with descend.
func (ts *transferSolver) primal(ctx context.Context, price []int64, passes int) (*plan, error) {
	tm := ts.tm
	p := tm.newPlan()
	used, left := make([]int64, tm.nl), make([]int64, tm.nl)
	for k := range tm.nk {
		tm.remaining(used, left)
		if _, err := ts.route(ctx, k, price, left, p.x[k]); err != nil {
			return nil, err
		}
		for l, v := range p.x[k] {
			used[l] += v * tm.lot[k]
		}
	}
	if err := ts.descend(ctx, p, passes); err != nil {
		return nil, err
	}
	return p, nil
}

// descend re-routes each SKU of p at the real costs within the capacity
// the others leave, for at most passes passes or until one changes
// nothing, and sets p.cost. Each step is optimal for its SKU given the
// others, so the cost never rises.
func (ts *transferSolver) descend(ctx context.Context, p *plan, passes int) error {
	tm := ts.tm
	used, left := make([]int64, tm.nl), make([]int64, tm.nl)
	costs := make([]int64, tm.nk)
	before := make([]int64, tm.nl)
	for pass := 0; pass < passes; pass++ {
		changed := false
		for k := range tm.nk {
			tm.usage(p, k, used)
			tm.remaining(used, left)
			copy(before, p.x[k])
			c, err := ts.route(ctx, k, nil, left, p.x[k])
			if err != nil {
				return err
			}
			costs[k] = c
			changed = changed || !slices.Equal(before, p.x[k])
		}
		if !changed {
			break
		}
	}
	p.cost = 0
	for _, c := range costs {
		p.cost += c
	}
	return nil
}

// solveTransfers returns the best plan found and the best lower bound, in
// at most maxIter subgradient steps or until ctx ends after the first
// plan. An error means ctx ended before any plan.
func solveTransfers(ctx context.Context, tm *tmodel, maxIter int) (*plan, int64, int64, error) {
	ts := &transferSolver{tm: tm, g: NewNetwork(0, tm.nl+5*tm.nw)}
	if tm.nk*(tm.nl+5*tm.nw) <= maxWarmArcs {
		ts.warm = make([]netSimplex, tm.nk)
		ts.warmFirst = make([]int, tm.nk)
		for k := range ts.warmFirst {
			ts.warmFirst[k] = -1
		}
	}
	best, err := ts.primal(ctx, nil, 3)
	if err != nil {
		return nil, 0, ts.pivots, err
	}
	capped := false
	for _, c := range tm.capUnits {
		capped = capped || c != Inf
	}
	bound := int64(math.MinInt64)
	price := make([]int64, tm.nl)
	rel := tm.newPlan() // the relaxation's flows
	load := make([]int64, tm.nl)
	full := make([]int64, tm.nl) // each SKU alone within the whole capacity
	copy(full, tm.capUnits)
	theta, stale := 2.0, 0
	for it := 0; it < maxIter && ctx.Err() == nil; it++ {
		// L(price)
		clear(load)
		var L, real int64 // real: the relaxation's flows at the real costs
		ok := true
		for k := range tm.nk {
			f, err := ts.relaxed(ctx, k, price, full, rel.x[k])
			if err != nil {
				ok = false
				break
			}
			L += f
			real += f
			for l, v := range rel.x[k] {
				load[l] += v * tm.lot[k]
				real -= price[l] * v * tm.lot[k]
			}
		}
		if !ok {
			break
		}
		var norm float64
		feasible := true
		for l, c := range tm.capUnits {
			if c == Inf {
				continue
			}
			L -= price[l] * c
			g := float64(load[l] - c)
			feasible = feasible && g <= 0
			if g < 0 && price[l] == 0 {
				g = 0 // the projection keeps it at 0 anyway
			}
			norm += g * g
		}
		if feasible && real < best.cost {
			rel.cost = real
			best, rel = rel, tm.newPlan()
		}
		if L > bound {
			bound, stale = L, 0
		} else if stale++; stale >= 5 {
			theta, stale = theta/2, 0
		}
		if !capped || norm == 0 || bound >= best.cost || theta < 1e-3 {
			break
		}
		step := theta * float64(best.cost-L) / norm
		for l, c := range tm.capUnits {
			if c == Inf {
				continue
			}
			price[l] = max(0, price[l]+int64(math.Round(step*float64(load[l]-c))))
		}
		if p, err := ts.primal(ctx, price, 1); err == nil && p.cost < best.cost {
			best = p
		}
	}
	if bound == math.MinInt64 {
		bound = 0
	}
	if ctx.Err() == nil {
		p := tm.newPlan()
		for k := range p.x {
			copy(p.x[k], best.x[k])
		}
		if err := ts.descend(ctx, p, 3); err == nil && p.cost <= best.cost {
			best = p
		}
	}

	return best, min(bound, best.cost), ts.pivots, nil
}
