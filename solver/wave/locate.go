package wave

// Choosing storage locations for SKUs stored in several places. allocate
// (model.go) fixes, wave by wave, how many units each location gives,
// preferring one location near the depots; rechoose revisits that choice
// batch by batch once the batches are known: for every SKU a batch takes
// from a single location, each other location of the SKU with enough stock
// left is tried, and the one that shortens the batch's tour (evaluated by
// the plan's routing policy, exactly by default) is kept. Waves are
// revisited in order and stock is updated at once, so no location gives
// more than it holds. This is a first-improvement heuristic, not the joint
// optimum.

// rechoose improves the locations of wave plan wp's batches using the stock
// left in left (updated).
func (m *model) rechoose(r *Router, wp *wavePlan, left []int64) {
	g := m.g
	var set []int32
	eval := func(set []int32) float64 {
		r.pts = r.pts[:0]
		for _, l := range set {
			loc := &m.in.Locations[l]
			r.pts = append(r.pts, g.pick(loc.Aisle, loc.Cell))
		}
		return r.route(g, m.opt.Policy, false).DistanceM
	}
	for _, bu := range wp.batches {
		// units taken per location, and locations per SKU, in this batch
		qty := map[int32]int64{}
		set = set[:0]
		for _, u := range bu {
			for _, f := range wp.units[u].frags {
				if _, ok := qty[f.l]; !ok {
					set = append(set, f.l)
				}
				qty[f.l] += f.qty
			}
		}
		perSKU := map[int32]int{}
		for _, l := range set {
			perSKU[m.locSKU[l]]++
		}
		cur := -1.0
		for i := 0; i < len(set); i++ {
			l := set[i]
			s := m.locSKU[l]
			if perSKU[s] != 1 || len(m.skuLocs[s]) < 2 {
				continue
			}
			if cur < 0 {
				cur = eval(set)
			}
			best, bestL := cur, l
			for _, alt := range m.skuLocs[s] {
				if alt == l || left[alt] < qty[l] {
					continue
				}
				set[i] = alt
				if c := eval(set); c < best-1e-9 {
					best, bestL = c, alt
				}
			}
			set[i] = l
			if bestL == l {
				continue
			}
			// move the batch's units of s from l to bestL
			left[l] += qty[l]
			left[bestL] -= qty[l]
			qty[bestL] = qty[l]
			delete(qty, l)
			set[i] = bestL
			cur = best
			for _, u := range bu {
				un := &wp.units[u]
				for k := range un.frags {
					if un.frags[k].l == l {
						un.frags[k].l = bestL
					}
				}
				for k := range un.locs {
					if un.locs[k] == l {
						un.locs[k] = bestL
					}
				}
			}
		}
	}
}
