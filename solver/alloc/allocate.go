package alloc

import (
	"context"
	"fmt"
	"runtime"
	"sync/atomic"
	"time"

	"fulfil/solver"
)

// Allocate serves every pickup point's demand per SKU from the warehouses
// at least cost. It validates in and opt, compiles a dense model, solves
// one min-cost flow per SKU (SKUs in parallel, results merged in SKU
// order, so the answer does not depend on Threads) and repairs splits when
// opt.SplitPenalty is set. Shortages are rationed by the pickup points'
// unmet penalties. The solve is anytime: the deadline cuts split repair
// short, and SKUs whose flow it interrupts or never starts are allocated
// greedily (Output.GreedySKUs counts them); either way the result is
// feasible, with Stats.Stop = time_limit (or canceled). The allocation is
// rechecked by Check before it is returned: one that fails is an error
// wrapping ErrCheck. A panic in the solve or a worker is returned as a
// *solver.PanicError.
func Allocate(ctx context.Context, in *Input, opt Options) (_ *Output, err error) {
	defer solver.Recover(&err)
	start := time.Now()
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	ctx, cancel := solver.WithTimeLimit(ctx, opt.TimeLimit()) // compile counts
	defer cancel()
	if err := validate(in); err != nil {
		return nil, err
	}
	m, err := compile(in, &opt)
	if err != nil {
		return nil, err
	}
	if dl, ok := ctx.Deadline(); ok {
		// The flows stop early enough for the greedy allocation of the
		// SKUs they do not reach and the output's assembly to end by the
		// deadline: about 1 µs per demand row (measured on 10^6 rows), at
		// most half the time left.
		left := time.Until(dl)
		tail := min(left/2, time.Duration(len(in.Demand))*time.Microsecond)
		var cancelFlows context.CancelFunc
		ctx, cancelFlows = context.WithDeadline(ctx, dl.Add(-tail))
		defer cancelFlows()
	}
	threads := opt.Threads
	if threads == 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	threads = max(1, min(threads, m.nk))

	res := make([]skuResult, m.nk)
	var next atomic.Int64
	var wg solver.Group
	for range threads {
		wg.Go(func() {
			var wk worker
			for {
				k := int(next.Add(1)) - 1
				if k >= m.nk {
					return
				}
				res[k] = wk.solveSKU(ctx, m, k)
			}
		})
	}
	if err := wg.Wait(); err != nil {
		return nil, err
	}

	var nShip, nUnmet int
	for k := range res {
		nShip += len(res[k].ships)
		nUnmet += len(res[k].unmet)
	}
	out := &Output{Assignments: make([]Assignment, 0, nShip), Unmet: make([]Shortage, 0, nUnmet), Splits: []Split{}}
	out.Stats = solver.Stats{Stop: solver.StopConverged, Seed: opt.Seed, Threads: threads}
	for k := range res {
		r := &res[k]
		if r.err != nil {
			return nil, fmt.Errorf("alloc: sku %q: %w", m.skuID[k], r.err)
		}
		if r.repairCut || r.greedy {
			out.Stats.Stop = solver.ReasonFor(ctx.Err())
		}
		if r.greedy {
			out.GreedySKUs++
		}
		sku := m.skuID[k]
		for _, s := range r.ships {
			out.Assignments = append(out.Assignments, Assignment{
				SKU: sku, Warehouse: m.whID[s.w], PickupPoint: m.ppID[s.p], Units: s.units, CostPerUnit: s.unitCost,
			})
		}
		for _, u := range r.unmet {
			out.Unmet = append(out.Unmet, Shortage{SKU: sku, PickupPoint: m.ppID[u.p], Units: u.units})
		}
		for _, sp := range r.splits {
			ws := make([]string, len(sp.ws))
			for i, w := range sp.ws {
				ws[i] = m.whID[w]
			}
			out.Splits = append(out.Splits, Split{SKU: sku, PickupPoint: m.ppID[sp.p], Warehouses: ws})
		}
		out.TransportCost += r.transport
		out.NonHomeCost += r.nonHome
		out.UnmetCost += r.unmetCost
		out.UnmetUnits += r.unmetUnits
		out.SafetyCost += r.safetyCost
		out.SplitCost += r.splitCost
		out.Bound += r.bound
		out.Stats.Iterations += r.pivots
	}
	out.Cost = out.TransportCost + out.NonHomeCost + out.UnmetCost + out.SafetyCost + out.SplitCost
	if out.Bound > 0 {
		out.Gap = float64(out.Cost-out.Bound) / float64(out.Bound)
	}
	rep, err := Check(in, opt, out)
	if err != nil {
		return nil, fmt.Errorf("checking the allocation: %w", err)
	}
	if err := rep.Err(ErrCheck); err != nil {
		return nil, err
	}
	out.Stats.RuntimeS = solver.Since(start)
	return out, nil
}

// skuResult is the allocation of one SKU in model indices.
type skuResult struct {
	ships      []ship
	unmet      []demandLine
	splits     []splitPair
	transport  int64
	nonHome    int64
	unmetCost  int64
	unmetUnits int64
	safetyCost int64
	splitCost  int64
	bound      int64
	pivots     int64
	repairCut  bool
	greedy     bool // the deadline came first: see worker.greedy
	err        error
}

type ship struct {
	w, p     int32
	units    int64
	unitCost int64
}

type splitPair struct {
	p  int32
	ws []int32
}

// worker holds one goroutine's network and simplex workspaces.
type worker struct {
	g         Network
	s         netSimplex
	best      netSimplex
	whNode    []int32 // per warehouse: its stock line in this SKU, or -1
	arcStock  []int32 // per arc: stock line, or -1 for an unmet arc
	arcDemand []int32 // per arc: demand line, or -1 for an arc to the slack
	base      []int64 // per arc: the cost before split repair
	shipped   []int64 // per stock line
	count     []int32 // per demand line: suppliers
	// The arcs into demand line j are lineStart[j] … lineStart[j+1]−1:
	// transport arcs, then the unmet arc.
	lineStart []int32
}

// build makes the network of SKU k: stock line i is node i, demand line j
// node ns+j, and a slack node takes unused stock (free, or rewarded by the
// safety penalty for units kept in safety stock) and serves unmet demand at
// its penalty. It returns the constant that turns the flow cost into the
// objective.
func (wk *worker) build(m *model, k int) int64 {
	stock, demand := m.stock[k], m.demand[k]
	ns, nd := len(stock), len(demand)
	g := &wk.g
	g.Supply = grow(g.Supply, ns+nd+1)
	g.Tail, g.Head, g.Cap, g.Cost = g.Tail[:0], g.Head[:0], g.Cap[:0], g.Cost[:0]
	wk.arcStock, wk.arcDemand = wk.arcStock[:0], wk.arcDemand[:0]
	wk.lineStart = wk.lineStart[:0]
	if len(wk.whNode) != m.nw {
		wk.whNode = make([]int32, m.nw)
		for w := range wk.whNode {
			wk.whNode[w] = -1
		}
	}
	slack := ns + nd
	var supply, demandSum, constant int64
	for i, l := range stock {
		wk.whNode[l.w] = int32(i)
		g.Supply[i] = l.units
		supply += l.units
	}
	for j, d := range demand {
		wk.lineStart = append(wk.lineStart, int32(g.Arcs()))
		g.Supply[ns+j] = -d.units
		demandSum += d.units
		p := int(d.p)
		for _, w := range m.cand[m.candStart[p]:m.candStart[p+1]] {
			i := wk.whNode[w]
			if i < 0 {
				continue
			}
			g.AddArc(int(i), ns+j, Inf, m.unitCost(w, p))
			wk.arcStock = append(wk.arcStock, i)
			wk.arcDemand = append(wk.arcDemand, int32(j))
		}
		g.AddArc(slack, ns+j, Inf, m.unmetPen[p])
		wk.arcStock = append(wk.arcStock, -1)
		wk.arcDemand = append(wk.arcDemand, int32(j))
	}
	wk.lineStart = append(wk.lineStart, int32(g.Arcs()))
	for i, l := range stock {
		g.AddArc(i, slack, Inf, 0)
		wk.arcStock = append(wk.arcStock, int32(i))
		wk.arcDemand = append(wk.arcDemand, -1)
		if m.safetyPen > 0 && l.safety > 0 {
			g.AddArc(i, slack, l.safety, -m.safetyPen)
			wk.arcStock = append(wk.arcStock, int32(i))
			wk.arcDemand = append(wk.arcDemand, -1)
			constant += m.safetyPen * l.safety
		}
	}
	for _, l := range stock {
		wk.whNode[l.w] = -1
	}
	g.Supply[slack] = demandSum - supply
	wk.base = append(wk.base[:0], g.Cost...)
	return constant
}

// solveSKU allocates SKU k: its min-cost flow, or when ctx ends first
// the greedy allocation.
func (wk *worker) solveSKU(ctx context.Context, m *model, k int) skuResult {
	var r skuResult
	if len(m.demand[k]) == 0 {
		return r
	}
	constant := wk.build(m, k)
	err := ctx.Err()
	if err == nil {
		wk.s.init(&wk.g)
		err = wk.s.run(ctx)
	}
	if err != nil {
		if ctx.Err() == nil { // not the deadline: a defect
			r.err = err
			return r
		}
		r.bound = wk.greedy(m, k)
		r.greedy = true
		wk.extract(m, k, &r)
		return r
	}
	r.bound = wk.flowCost(&wk.s) + constant
	r.pivots = wk.s.pivots
	if m.splitPen > 0 && wk.countSplits(&wk.s, len(m.demand[k])) > 0 {
		if err := wk.repairSplits(ctx, m, k); err != nil {
			r.repairCut = true
		}
	}
	wk.extract(m, k, &r)
	return r
}

// flowCost returns Σ flow·cost of s under the costs of the built network.
func (wk *worker) flowCost(s *netSimplex) int64 {
	var c int64
	for a, x := range s.flow[:s.m] {
		c += x * wk.base[a]
	}
	return c
}

// extract turns the flow of wk.s into ships, shortages, splits and costs.
func (wk *worker) extract(m *model, k int, r *skuResult) {
	stock, demand := m.stock[k], m.demand[k]
	wk.shipped = grow(wk.shipped, len(stock))
	clear(wk.shipped)
	wk.count = grow(wk.count, len(demand))
	clear(wk.count)
	flow := wk.s.flow
	for a := range wk.s.m {
		x := flow[a]
		if x == 0 {
			continue
		}
		i, j := wk.arcStock[a], wk.arcDemand[a]
		switch {
		case j < 0: // to the slack
		case i < 0:
			p := demand[j].p
			r.unmet = append(r.unmet, demandLine{p: p, units: x})
			r.unmetUnits += x
			r.unmetCost += x * m.unmetPen[p]
		default:
			w, p := stock[i].w, demand[j].p
			tc := m.cost[int(w)*m.np+int(p)]
			uc := wk.base[a]
			r.ships = append(r.ships, ship{w: w, p: p, units: x, unitCost: uc})
			r.transport += x * tc
			r.nonHome += x * (uc - tc)
			wk.shipped[i] += x
			wk.count[j]++
		}
	}
	for i, l := range stock {
		if used := wk.shipped[i] - (l.units - l.safety); used > 0 {
			r.safetyCost += used * m.safetyPen
		}
	}
	for j := range demand {
		if wk.count[j] < 2 {
			continue
		}
		sp := splitPair{p: demand[j].p}
		for _, s := range r.ships {
			if s.p == sp.p {
				sp.ws = append(sp.ws, s.w)
			}
		}
		r.splits = append(r.splits, sp)
		if m.splitPen > 0 {
			r.splitCost += m.splitPen
		}
	}
}
