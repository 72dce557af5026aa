package wave

import (
	"cmp"
	"slices"
)

// model is the dense form of a validated Input. Index names: s SKU, l
// location, o order, p pickup point, w wave.
type model struct {
	in      *Input
	opt     Options
	g       *grid
	skuVol  []int64   // [s]
	skuW    []int64   // [s]
	locSKU  []int32   // [l]
	skuLocs [][]int32 // [s]: locations, nearest to the depots first
	single  []bool    // [s]: exactly one location holds stock
	radial  []float64 // [s]: skuRadial
	ppID    []string  // [p]
	orderPP []int32   // [o]
	ppOrds  [][]int32 // [p]: orders in input order
	lineSKU [][]int32 // [o][line]
	waves   []waveDef
}

// waveDef is one wave before planning.
type waveDef struct {
	id, truck string
	dep       int
	pps       []int32 // delivery order; only pickup points with orders
}

// frag is qty units of one order line taken from one location.
type frag struct {
	o, line, l int32
	qty        int64
}

// compile builds the model of an input that passed Validate.
func compile(in *Input, opt Options) *model {
	m := &model{in: in, opt: opt, g: compileGrid(&in.Layout)}
	g := m.g
	sku := make(map[string]int32, len(in.SKUs))
	m.skuVol = make([]int64, len(in.SKUs))
	m.skuW = make([]int64, len(in.SKUs))
	for i, s := range in.SKUs {
		sku[s.ID] = int32(i)
		m.skuVol[i], m.skuW[i] = s.UnitVolumeCm3, s.UnitWeightG
	}
	m.locSKU = make([]int32, len(in.Locations))
	m.skuLocs = make([][]int32, len(in.SKUs))
	away := make([]float64, len(in.Locations))
	for i, l := range in.Locations {
		s := sku[l.SKU]
		m.locSKU[i] = s
		m.skuLocs[s] = append(m.skuLocs[s], int32(i))
		y := g.cellY[l.Cell]
		away[i] = g.dist(g.start.Aisle, g.crossY[g.start.CrossAisle], l.Aisle, y) + g.dist(l.Aisle, y, g.end.Aisle, g.crossY[g.end.CrossAisle])
	}
	m.single = make([]bool, len(in.SKUs))
	for s, ls := range m.skuLocs {
		n := 0
		for _, l := range ls {
			if in.Locations[l].Stock > 0 {
				n++
			}
		}
		m.single[s] = n == 1
		slices.SortStableFunc(ls, func(a, b int32) int { return cmp.Compare(away[a], away[b]) })
	}
	m.radial = make([]float64, len(in.SKUs))
	for s := range m.radial {
		m.radial[s] = m.radialOf(int32(s))
	}
	pp := map[string]int32{}
	m.orderPP = make([]int32, len(in.Orders))
	m.lineSKU = make([][]int32, len(in.Orders))
	for i, o := range in.Orders {
		p, ok := pp[o.PickupPoint]
		if !ok {
			p = int32(len(m.ppID))
			pp[o.PickupPoint] = p
			m.ppID = append(m.ppID, o.PickupPoint)
			m.ppOrds = append(m.ppOrds, nil)
		}
		m.orderPP[i] = p
		m.ppOrds[p] = append(m.ppOrds[p], int32(i))
		ls := make([]int32, len(o.Lines))
		for j, l := range o.Lines {
			ls[j] = sku[l.SKU]
		}
		m.lineSKU[i] = ls
	}
	byTruck := opt.WaveBy == "truck" || (opt.WaveBy == "" && len(in.Trucks) > 0)
	if byTruck {
		idx := make([]int, len(in.Trucks))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(in.Trucks[a].DepartureS, in.Trucks[b].DepartureS) })
		for _, i := range idx {
			t := in.Trucks[i]
			w := waveDef{id: t.ID, truck: t.ID, dep: t.DepartureS}
			for _, s := range t.Stops {
				if p, ok := pp[s]; ok {
					w.pps = append(w.pps, p)
				}
			}
			if len(w.pps) > 0 {
				m.waves = append(m.waves, w)
			}
		}
	} else {
		for p, id := range m.ppID {
			m.waves = append(m.waves, waveDef{id: id, pps: []int32{int32(p)}})
		}
	}
	return m
}

// allocate chooses the locations every order line is taken from, wave by
// wave in wave order, and returns the fragments of each wave. For each SKU
// of a wave it prefers the location nearest to the depots that can supply
// the whole wave; failing that it empties locations nearest first. One
// location per SKU and wave keeps pick lines few; nearness keeps tours
// short. (Choosing locations jointly with the batches is not attempted.)
//
// It also returns the stock left in each location afterwards.
func (m *model) allocate() ([][]frag, []int64) {
	stock := make([]int64, len(m.in.Locations))
	for i, l := range m.in.Locations {
		stock[i] = int64(l.Stock)
	}
	need := make([]int64, len(m.skuVol))
	out := make([][]frag, len(m.waves))
	var skus []int32
	for w, wd := range m.waves {
		skus = skus[:0]
		for _, p := range wd.pps {
			for _, o := range m.ppOrds[p] {
				for j, s := range m.lineSKU[o] {
					if need[s] == 0 {
						skus = append(skus, s)
					}
					need[s] += int64(m.in.Orders[o].Lines[j].Quantity)
				}
			}
		}
		// choose: per SKU, an ordered list of (location, units) in avail
		avail := map[int32][]frag{}
		for _, s := range skus {
			var take []frag
			for _, l := range m.skuLocs[s] {
				if stock[l] >= need[s] {
					take = append(take, frag{l: l, qty: need[s]})
					break
				}
			}
			if take == nil {
				rest := need[s]
				for _, l := range m.skuLocs[s] {
					if rest == 0 {
						break
					}
					if q := min(rest, stock[l]); q > 0 {
						take = append(take, frag{l: l, qty: q})
						rest -= q
					}
				}
			}
			for _, t := range take {
				stock[t.l] -= t.qty
			}
			avail[s] = take
			need[s] = 0
		}
		var fr []frag
		for _, p := range wd.pps {
			for _, o := range m.ppOrds[p] {
				for j, s := range m.lineSKU[o] {
					q := int64(m.in.Orders[o].Lines[j].Quantity)
					for q > 0 {
						a := avail[s]
						t := min(q, a[0].qty)
						fr = append(fr, frag{o: o, line: int32(j), l: a[0].l, qty: t})
						q -= t
						a[0].qty -= t
						if a[0].qty == 0 {
							a = a[1:]
						}
						avail[s] = a
					}
				}
			}
		}
		out[w] = fr
	}
	return out, stock
}
