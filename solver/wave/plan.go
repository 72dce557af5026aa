package wave

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync/atomic"
	"time"

	"fulfil/solver"
)

// Plan validates in, groups its orders into waves, chooses storage
// locations, forms cart batches under the cart limits, routes each batch
// by opt.Policy and returns pick lists in walking order with bins or
// sort-wall slots, the loading order and lower bounds. Waves are planned in
// parallel by opt.Threads workers; the plan does not depend on the number
// of workers. A deadline during the search returns the batches found so
// far (Stats.Stop says so). The plan is rechecked by Check before it is
// returned: one that fails is an error wrapping ErrCheck, never a plan. A
// panic in the planner or a worker is returned as a *solver.PanicError.
func Plan(ctx context.Context, in *Input, opt Options) (_ *Output, err error) {
	defer solver.Recover(&err)
	start := time.Now()
	if err := Validate(in, opt); err != nil {
		return nil, err
	}
	opt = opt.withDefaults()
	ctx, cancel := solver.WithTimeLimit(ctx, opt.TimeLimit())
	defer cancel()
	m := compile(in, opt)
	frags, left := m.allocate()
	threads := opt.Threads
	if threads == 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	threads = max(1, min(threads, len(m.waves)))
	out := &Output{Waves: make([]Wave, len(m.waves))}
	iters := make([]int64, len(m.waves))
	planned := make([]wavePlan, len(m.waves))
	routers := make([]Router, threads)
	// each phase hands waves to the workers in turn; results go by wave
	// index, so the plan does not depend on the number of workers
	parallel := func(do func(r *Router, w int)) {
		var next atomic.Int64
		var g solver.Group
		for t := range threads {
			g.Go(func() {
				for {
					w := int(next.Add(1)) - 1
					if w >= len(m.waves) {
						return
					}
					do(&routers[t], w)
				}
			})
		}
		g.Join()
	}
	parallel(func(r *Router, w int) {
		planned[w], iters[w] = m.batchWave(ctx, r, w, frags[w])
	})
	// stock is shared between waves: re-choose locations one wave at a time
	for w := range planned {
		m.rechoose(&routers[0], &planned[w], left)
	}
	parallel(func(r *Router, w int) {
		out.Waves[w] = m.waveOutput(r, &m.waves[w], &planned[w])
	})
	for _, w := range out.Waves {
		out.Batches += len(w.Batches)
		out.DistanceM += w.DistanceM
		out.TimeS += w.TimeS
		out.Bound.Carts += w.Bound.Carts
		out.Bound.DistanceM += w.Bound.DistanceM
	}
	out.Stats = solver.Stats{Stop: solver.StopConverged, Seed: opt.Seed, Threads: threads, RuntimeS: solver.Since(start)}
	for _, it := range iters {
		out.Stats.Iterations += it
		if opt.Improvement == "ils" && it >= int64(opt.Iterations) {
			out.Stats.Stop = solver.StopIterations
		}
	}
	if err := ctx.Err(); err != nil {
		out.Stats.Stop = solver.ReasonFor(err)
	}
	rep, err := Check(in, out)
	if err != nil {
		return nil, fmt.Errorf("checking the plan: %w", err)
	}
	if err := rep.Err(ErrCheck); err != nil {
		return nil, err
	}
	return out, nil
}

// wavePlan is a wave's batching: units and, per batch, unit indices.
type wavePlan struct {
	units   []unit
	batches [][]int32
}

// batchWave forms the units of wave w and batches them. In pick-by-order
// with BinGrouping "auto" it batches whole-order bins and zoned bins and
// keeps the shorter walk (fewer carts on a tie); both give one bin per
// pickup point when every pickup point fits in one, and then it batches
// once.
func (m *model) batchWave(ctx context.Context, r *Router, w int, fr []frag) (wavePlan, int64) {
	if m.opt.Mode != PickByOrder {
		wp, it, _ := m.batchUnits(ctx, r, w, m.chunkUnits(fr))
		return wp, it
	}
	switch m.opt.BinGrouping {
	case "orders":
		wp, it, _ := m.batchUnits(ctx, r, w, m.binUnits(fr))
		return wp, it
	case "zones":
		wp, it, _ := m.batchUnits(ctx, r, w, m.zoneUnits(r, fr))
		return wp, it
	}
	whole := m.binUnits(fr)
	zoned := m.zoneUnits(r, fr)
	wp, it, c := m.batchUnits(ctx, r, w, whole)
	if len(zoned) == len(whole) && len(whole) == m.ppCount(fr) {
		return wp, it
	}
	zp, zit, zc := m.batchUnits(ctx, r, w, zoned)
	if zc < c-1e-9 || (zc <= c+1e-9 && len(zp.batches) < len(wp.batches)) {
		return zp, zit
	}
	return wp, it
}

// ppCount counts the pickup points of fr (grouped by pickup point).
func (m *model) ppCount(fr []frag) int {
	n := 0
	for i := range fr {
		if i == 0 || m.orderPP[fr[i].o] != m.orderPP[fr[i-1].o] {
			n++
		}
	}
	return n
}

// batchUnits batches the units of wave w; it returns the batches, the ILS
// rounds run and the total tour length.
func (m *model) batchUnits(ctx context.Context, r *Router, w int, units []unit) (wavePlan, int64, float64) {
	words := (m.g.m + 63) / 64
	for i := range units {
		u := &units[i]
		u.aisles = make([]uint64, words)
		for _, l := range u.locs {
			a := m.in.Locations[l].Aisle
			u.aisles[a/64] |= 1 << (a % 64)
		}
	}
	c := m.in.Cart
	b := &batcher{m: m, r: r, policy: m.opt.Policy, units: units, cand: m.opt.Candidates, ctx: ctx,
		rng: rand.New(rand.NewPCG(m.opt.Seed, uint64(w))), stamp: make([]int32, len(m.in.Locations)),
		memo: map[uint64]float64{}}
	b.cap.vol, b.cap.w, b.cap.lines = unitCaps(c, TotalPick)
	b.cap.bins = math.MaxInt32
	if m.opt.Mode == PickByOrder {
		b.cap.bins = int32(c.Bins)
	}
	var it int64
	if len(units) > 0 {
		switch m.opt.Construction {
		case "fcfs":
			order := make([]int32, len(units))
			for i := range order {
				order[i] = int32(i)
			}
			slices.SortStableFunc(order, func(x, y int32) int { return cmp.Compare(units[x].first, units[y].first) })
			b.fcfs(order)
		case "savings":
			b.savings()
		default:
			b.seed()
		}
		for _, bt := range b.bs {
			bt.cost = b.cost(bt.units)
			bt.dirty = true
		}
		switch m.opt.Improvement {
		case "local":
			b.localSearch()
			b.compact()
		case "ils":
			b.localSearch()
			it = b.ils(m.opt.Iterations)
		}
	}
	wp := wavePlan{units: units}
	for _, bt := range b.bs {
		wp.batches = append(wp.batches, bt.units)
	}
	return wp, it, b.total()
}

// waveOutput routes the batches with their walks and writes the wave.
func (m *model) waveOutput(r *Router, wd *waveDef, wp *wavePlan) Wave {
	units := wp.units
	g := m.g
	tm := m.in.Times
	w := Wave{ID: wd.id, Truck: wd.truck, DepartureS: wd.dep}
	for _, p := range wd.pps {
		w.PickupPoints = append(w.PickupPoints, m.ppID[p])
	}
	batches := make([][]unit, 0, len(wp.batches))
	for _, bu := range wp.batches {
		us := make([]unit, len(bu))
		for i, u := range bu {
			us[i] = units[u]
		}
		batches = append(batches, us)
		// distinct locations and the walk over them
		var locs []int32
		seen := map[int32]int{}
		r.pts = r.pts[:0]
		for _, u := range us {
			for _, l := range u.locs {
				if _, ok := seen[l]; !ok {
					seen[l] = len(locs)
					locs = append(locs, l)
					loc := &m.in.Locations[l]
					r.pts = append(r.pts, g.pick(loc.Aisle, loc.Cell))
				}
			}
		}
		t := r.route(g, m.opt.Policy, true)
		rank := make([]int, len(locs))
		for k, i := range t.Order {
			rank[i] = k
		}
		out := Batch{DistanceM: t.DistanceM, Path: t.Path}
		units := int64(0)
		var ranks []int
		for ui, u := range us {
			bin := -1
			if m.opt.Mode == PickByOrder {
				bin = ui
				out.Bins = append(out.Bins, Bin{Bin: ui, PickupPoint: m.ppID[u.pp], VolumeCm3: u.vol, WeightG: u.w})
			}
			out.VolumeCm3 += u.vol
			out.WeightG += u.w
			for _, l := range u.locs {
				loc := &m.in.Locations[l]
				p := Pick{Location: loc.ID, SKU: loc.SKU, Aisle: loc.Aisle, Cell: loc.Cell, Bin: bin}
				for _, f := range u.frags {
					if f.l == l {
						p.Quantity += int(f.qty)
						p.Lines = append(p.Lines, LineRef{Order: m.in.Orders[f.o].ID, Line: int(f.line), Quantity: int(f.qty)})
					}
				}
				units += int64(p.Quantity)
				out.Picks = append(out.Picks, p)
				ranks = append(ranks, rank[seen[l]])
			}
		}
		idx := make([]int, len(out.Picks))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(x, y int) int { return cmp.Compare(ranks[x], ranks[y]) })
		sorted := make([]Pick, len(idx))
		for i, k := range idx {
			sorted[i] = out.Picks[k]
		}
		out.Picks = sorted
		out.TimeS = tm.SetupSPerBatch + float64(len(out.Picks))*tm.PickSPerLine + float64(units)*tm.PickSPerUnit
		if tm.WalkMPerS > 0 {
			out.TimeS += out.DistanceM / tm.WalkMPerS
		}
		w.Batches = append(w.Batches, out)
		w.DistanceM += out.DistanceM
		w.TimeS += out.TimeS
	}
	m.sortWave(wd, &w, batches)
	w.Bound = m.waveBound(r, wd, units)
	w.DistanceGapPct = gapPct(w.DistanceM, w.Bound.DistanceM)
	w.CartGapPct = gapPct(float64(len(w.Batches)), float64(w.Bound.Carts))
	return w
}

func gapPct(v, bound float64) float64 {
	if bound <= 0 {
		return 0
	}
	return 100 * (v - bound) / bound
}
