package wave

import (
	"cmp"
	"slices"
)

// planUnits compiles in and forms every wave's units as Plan does (before
// locate.go moves SKUs stored in several places); BinGrouping "auto" gives
// whole-order bins.
func planUnits(in *Input, opt Options) (*model, [][]unit) {
	m := compile(in, opt)
	frags, _ := m.allocate()
	units := make([][]unit, len(m.waves))
	var r Router
	for w := range m.waves {
		switch {
		case opt.Mode != PickByOrder:
			units[w] = m.chunkUnits(frags[w])
		case opt.BinGrouping == "zones":
			units[w] = m.zoneUnits(&r, frags[w])
		default:
			units[w] = m.binUnits(frags[w])
		}
	}
	return m, units
}

// SimpleBounds plans in with opt and returns, per wave, the distance bound
// without the aisle bound (the bound as it was before the aisle bound), for
// tests comparing the two.
func SimpleBounds(in *Input, opt Options) []float64 {
	opt = opt.withDefaults()
	m, units := planUnits(in, opt)
	var r Router
	out := make([]float64, len(m.waves))
	for w := range m.waves {
		out[w] = m.simpleBound(&r, &m.waves[w], units[w]).DistanceM
	}
	return out
}

// WaveBounds compiles in with opt, forms every wave's units as Plan does
// and returns a function computing all waves' bounds, for benchmarks.
func WaveBounds(in *Input, opt Options) func() {
	opt = opt.withDefaults()
	m, units := planUnits(in, opt)
	var r Router
	return func() {
		for w := range m.waves {
			m.waveBound(&r, &m.waves[w], units[w])
		}
	}
}

// UnitBounds returns, per wave, a lower bound on the walk of any batching
// of the planner's own units (bins in pick-by-order, location chunks in
// total picking), kept whole. It is not a bound on the problem, since a
// plan may form its bins differently; set against Wave.Bound it shows how
// much of a plan's gap lies in batching and how much in forming the units.
//
// The cart holding unit u walks at least T(u), the optimal tour over u's
// mandatory locations (SKUs held in one location), so a plan walks at least
// the sum over its carts of their largest T. With the units made divisible
// this is least when carts take units in order of decreasing T: a layer
// cake where at least need(units with T >= t) carts reach T >= t (volume,
// weight, pick lines, bins).
//
// With BinGrouping "auto" a wave may be planned with either kind of bins,
// so each wave gets the smaller of the two bounds.
func UnitBounds(in *Input, opt Options) []float64 {
	opt = opt.withDefaults()
	if opt.Mode == PickByOrder && opt.BinGrouping == "auto" {
		opt.BinGrouping = "orders"
		out := UnitBounds(in, opt)
		opt.BinGrouping = "zones"
		for w, x := range UnitBounds(in, opt) {
			out[w] = min(out[w], x)
		}
		return out
	}
	m, units := planUnits(in, opt)
	g, c := m.g, in.Cart
	var r Router
	out := make([]float64, len(m.waves))
	type tour struct {
		t float64
		u int
	}
	for w, us := range units {
		ts := make([]tour, len(us))
		for i, u := range us {
			r.pts = r.pts[:0]
			for _, l := range u.locs {
				if m.single[m.locSKU[l]] {
					loc := &in.Locations[l]
					r.pts = append(r.pts, g.pick(loc.Aisle, loc.Cell))
				}
			}
			ts[i] = tour{r.route(g, Optimal, false).DistanceM, i}
		}
		slices.SortFunc(ts, func(a, b tour) int { return cmp.Compare(b.t, a.t) })
		var vol, wt, lines, bins int64
		for k, x := range ts {
			u := &us[x.u]
			vol, wt, lines, bins = vol+u.vol, wt+u.w, lines+int64(u.lines), bins+int64(u.bins)
			n := max(1, ceilDiv(vol, mustVolCap(c, opt.Mode)), ceilDiv(wt, c.WeightG), ceilDiv(lines, int64(c.Lines)))
			if opt.Mode == PickByOrder {
				n = max(n, ceilDiv(bins, int64(c.Bins)))
			}
			next := 0.0
			if k+1 < len(ts) {
				next = ts[k+1].t
			}
			out[w] += (x.t - next) * float64(n)
		}
	}
	return out
}
