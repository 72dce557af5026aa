package wave

import (
	"math"
	"slices"
)

// Sorting goods to pickup points and loading them.
//
// Pick-by-order (cluster picking) sorts while picking: each pickup point's
// goods of a wave go into bins of the cart, cut along the pick path
// (zoneUnits, zone.go) or packed whole orders first (binUnits); a bin holds
// one pickup point only, and a pickup point may have bins on several carts. Total picking picks each
// location's wave quantity in cart-sized chunks (chunkUnits) and sorts
// afterwards at a put wall: every pickup point gets one slot and the puts
// say which quantities of a batch go to which slot (sortWave). Slots are
// numbered in loading order, which is the reverse of the truck's stops, so
// the goods of the last stop are loaded first and lie deepest in the truck.

// unitCaps returns the volume, weight and line limits one unit must keep.
func unitCaps(c Cart, mode Mode) (vol, w int64, lines int32) {
	vol, w, lines = math.MaxInt64, math.MaxInt64, math.MaxInt32
	if c.VolumeCm3 > 0 {
		vol = c.VolumeCm3
	}
	if mode == PickByOrder && c.BinVolumeCm3 > 0 {
		vol = min(vol, c.BinVolumeCm3)
	}
	if c.WeightG > 0 {
		w = c.WeightG
	}
	if c.Lines > 0 {
		lines = int32(c.Lines)
	}
	return vol, w, lines
}

// binUnits packs the fragments of one wave (grouped by pickup point and
// order, as allocate makes them) into bins.
func (m *model) binUnits(fr []frag) []unit {
	vcap, wcap, lcap := unitCaps(m.in.Cart, PickByOrder)
	var out []unit
	var cur *unit
	closeBin := func() {
		if cur != nil && len(cur.frags) > 0 {
			out = append(out, *cur)
		}
		cur = nil
	}
	open := func(p int32) {
		closeBin()
		cur = &unit{pp: p, bins: 1, first: math.MaxInt32}
	}
	for i := 0; i < len(fr); {
		o := fr[i].o
		j := i
		for j < len(fr) && fr[j].o == o {
			j++
		}
		p := m.orderPP[o]
		if cur == nil || cur.pp != p {
			open(p)
		}
		// whole order into the current bin, else into a fresh one
		var vol, w int64
		newLocs := int32(0)
		for _, f := range fr[i:j] {
			s := m.locSKU[f.l]
			vol += f.qty * m.skuVol[s]
			w += f.qty * m.skuW[s]
			if !slices.Contains(cur.locs, f.l) {
				newLocs++ // may count a location twice; errs towards a fresh bin
			}
		}
		if len(cur.frags) > 0 && (cur.vol+vol > vcap || cur.w+w > wcap || cur.lines+newLocs > lcap) {
			open(p)
		}
		for _, f := range fr[i:j] {
			s := m.locSKU[f.l]
			for q := f.qty; q > 0; {
				has := slices.Contains(cur.locs, f.l)
				fit := m.binRoom(cur, s, q, has, vcap, wcap, lcap)
				if fit <= 0 {
					open(p)
					continue
				}
				m.binPut(cur, f, s, fit, has)
				q -= fit
			}
		}
		i = j
	}
	closeBin()
	return out
}

// chunkUnits groups the fragments of one wave by location and cuts each
// location's quantity into chunks one cart can carry.
func (m *model) chunkUnits(fr []frag) []unit {
	vcap, wcap, _ := unitCaps(m.in.Cart, TotalPick)
	var order []int32
	by := map[int32][]frag{}
	for _, f := range fr {
		if _, ok := by[f.l]; !ok {
			order = append(order, f.l)
		}
		by[f.l] = append(by[f.l], f)
	}
	var out []unit
	for _, l := range order {
		s := m.locSKU[l]
		per := int64(math.MaxInt64)
		if v := m.skuVol[s]; v > 0 && vcap < math.MaxInt64 {
			per = vcap / v
		}
		if v := m.skuW[s]; v > 0 && wcap < math.MaxInt64 {
			per = min(per, wcap/v)
		}
		var cur *unit
		var n int64 // units in cur
		for _, f := range by[l] {
			for q := f.qty; q > 0; {
				if cur == nil {
					cur = &unit{pp: -1, lines: 1, locs: []int32{l}, first: math.MaxInt32}
					n = 0
				}
				t := min(q, per-n)
				if t <= 0 {
					out = append(out, *cur)
					cur = nil
					continue
				}
				n += t
				cur.frags = append(cur.frags, frag{o: f.o, line: f.line, l: l, qty: t})
				cur.vol += t * m.skuVol[s]
				cur.w += t * m.skuW[s]
				cur.first = min(cur.first, f.o)
				q -= t
			}
		}
		if cur != nil {
			out = append(out, *cur)
		}
	}
	return out
}

// sortWave fills the wave's loading order, slots and (total picking)
// puts from its batches.
func (m *model) sortWave(wd *waveDef, w *Wave, batches [][]unit) {
	w.LoadingOrder = make([]string, 0, len(wd.pps))
	slot := map[int32]int{}
	for i := len(wd.pps) - 1; i >= 0; i-- {
		p := wd.pps[i]
		slot[p] = len(w.LoadingOrder)
		w.LoadingOrder = append(w.LoadingOrder, m.ppID[p])
		w.Slots = append(w.Slots, Slot{PickupPoint: m.ppID[p], Slot: slot[p]})
	}
	for bi, us := range batches {
		if m.opt.Mode == PickByOrder {
			for ui, u := range us {
				s := &w.Slots[slot[u.pp]]
				s.Bins = append(s.Bins, BinRef{Batch: bi, Bin: ui})
			}
			continue
		}
		// total picking: one put per (SKU, pickup point) of the batch
		type key struct{ s, p int32 }
		var keys []key
		qty := map[key]int64{}
		for _, u := range us {
			for _, f := range u.frags {
				k := key{m.locSKU[f.l], m.orderPP[f.o]}
				if _, ok := qty[k]; !ok {
					keys = append(keys, k)
				}
				qty[k] += f.qty
			}
		}
		for _, k := range keys {
			w.Puts = append(w.Puts, Put{Batch: bi, SKU: m.in.SKUs[k.s].ID, PickupPoint: m.ppID[k.p], Slot: slot[k.p], Quantity: int(qty[k])})
		}
	}
}

// binRoom is how many of q units of SKU s still fit bin u under the limits
// vcap, wcap and lcap; has says whether u already picks at their location
// (so that they take no new pick line).
func (m *model) binRoom(u *unit, s int32, q int64, has bool, vcap, wcap int64, lcap int32) int64 {
	if !has && u.lines >= lcap {
		return 0
	}
	fit := q
	if v := m.skuVol[s]; v > 0 {
		fit = min(fit, (vcap-u.vol)/v)
	}
	if v := m.skuW[s]; v > 0 {
		fit = min(fit, (wcap-u.w)/v)
	}
	return fit
}

// binPut adds fit units of fragment f (SKU s) to bin u; has as binRoom.
func (m *model) binPut(u *unit, f frag, s int32, fit int64, has bool) {
	if !has {
		u.locs = append(u.locs, f.l)
		u.lines++
	}
	u.frags = append(u.frags, frag{o: f.o, line: f.line, l: f.l, qty: fit})
	u.vol += fit * m.skuVol[s]
	u.w += fit * m.skuW[s]
	u.first = min(u.first, f.o)
}
