package wave

import (
	"cmp"
	"slices"
)

// Bins by pickup point and pick-path zone (BinGrouping "zones").
//
// binUnits packs whole orders into bins, so when a pickup point's goods
// fill several bins each bin holds a bit of everything and every cart
// carrying one walks to most of the wave's locations. A bin only has to
// hold goods of one pickup point, so zoneUnits instead lays a pickup
// point's goods along the pick path and cuts them into bins in that order:
// each bin takes a contiguous stretch of the path, splitting an order line
// between bins where a bin fills up. Bins of different pickup points that
// cover the same stretch then share a cart, which walks only that part of
// the warehouse.
//
// The path is the walk of one cart over all the wave's locations by the
// plan's routing policy (S-shape where the optimal policy would fall back
// to a heuristic, beyond four blocks); locations are ranked by when that
// walk first passes them. Next fit along the path leaves every bin of a pickup point
// full but its last, so a pickup point never needs more bins than whole
// orders do (up to the grain of one item), and one that fits in one bin
// gets the same single bin as binUnits gives it. A pickup point needing k
// > 1 bins is then cut again with the bin volume lowered to its k-th share
// (plus one item), kept if that still makes k bins: its bins then end at
// the same quantiles of its goods along the path, so bins of pickup points
// of like size and mix cover the same stretches, and part-full bins leave
// the batching room (measured: 1.4 to 5.6 % less walk on the Batching
// benchmark, same carts).

// pathRank ranks the locations of fr by the walk over all of them: rank[l]
// is the position of location l in walking order, -1 for locations fr does
// not use.
func (m *model) pathRank(r *Router, fr []frag) []int32 {
	rank := make([]int32, len(m.in.Locations))
	for i := range rank {
		rank[i] = -1
	}
	var locs []int32
	r.pts = r.pts[:0]
	for _, f := range fr {
		if rank[f.l] < 0 {
			rank[f.l] = int32(len(locs))
			locs = append(locs, f.l)
			loc := &m.in.Locations[f.l]
			r.pts = append(r.pts, m.g.pick(loc.Aisle, loc.Cell))
		}
	}
	if len(locs) == 0 {
		return rank
	}
	pol := m.opt.Policy
	if pol == Optimal && m.g.nc > maxDPCross {
		// the fallback's distance matrix grows with the square of the
		// wave's locations: an S-shape walk orders them as well
		pol = SShape
	}
	t := r.route(m.g, pol, true)
	for k, i := range t.Order {
		rank[locs[i]] = int32(k)
	}
	return rank
}

// zoneUnits packs the fragments of one wave (grouped by pickup point, as
// allocate makes them) into bins along the pick path (see the file
// comment).
func (m *model) zoneUnits(r *Router, fr []frag) []unit {
	rank := m.pathRank(r, fr)
	vcap, wcap, lcap := unitCaps(m.in.Cart, PickByOrder)
	var out []unit
	var grp []frag
	for i := 0; i < len(fr); {
		p := m.orderPP[fr[i].o]
		j := i
		for j < len(fr) && m.orderPP[fr[j].o] == p {
			j++
		}
		grp = append(grp[:0], fr[i:j]...)
		// stable: within a location, fragments keep the order of orders
		slices.SortStableFunc(grp, func(a, b frag) int { return cmp.Compare(rank[a.l], rank[b.l]) })
		n := len(out)
		out = m.cutBins(out, p, grp, vcap, wcap, lcap)
		if k := int64(len(out) - n); k > 1 {
			var vol, vmax int64
			for _, f := range grp {
				v := m.skuVol[m.locSKU[f.l]]
				vol += f.qty * v
				vmax = max(vmax, v)
			}
			if even := min(vcap, (vol+k-1)/k+vmax); even < vcap {
				try := m.cutBins(nil, p, grp, even, wcap, lcap)
				if int64(len(try)) == k {
					out = append(out[:n], try...)
				}
			}
		}
		i = j
	}
	return out
}

// cutBins appends to out the bins of pickup point p that next fit along
// grp makes under the bin limits vcap, wcap and lcap.
func (m *model) cutBins(out []unit, p int32, grp []frag, vcap, wcap int64, lcap int32) []unit {
	var cur *unit
	for _, f := range grp {
		s := m.locSKU[f.l]
		for q := f.qty; q > 0; {
			if cur == nil {
				out = append(out, unit{pp: p, bins: 1, first: f.o})
				cur = &out[len(out)-1]
			}
			has := len(cur.locs) > 0 && cur.locs[len(cur.locs)-1] == f.l
			fit := m.binRoom(cur, s, q, has, vcap, wcap, lcap)
			if fit <= 0 {
				if len(cur.frags) == 0 {
					panic("wave: an item does not fit an empty bin") // validate rules it out
				}
				cur = nil
				continue
			}
			m.binPut(cur, f, s, fit, has)
			q -= fit
		}
	}
	return out
}
