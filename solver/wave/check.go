package wave

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"fulfil/solver"
)

// Report is what Check found: the shared verdict (feasible, violations
// by output path) and the plan's figures recomputed.
type Report struct {
	solver.Report
	Waves      int     `json:"waves"`
	Batches    int     `json:"batches"`
	OrderLines int     `json:"order_lines"`
	Units      int64   `json:"units"`
	DistanceM  float64 `json:"distance_m"` // recomputed from the walks
}

// ErrCheck wraps solver.ErrCheck for a plan that fails Check: a bug in the
// planner, never the caller's fault.
var ErrCheck = errors.New("wave: plan fails its check")

// Check verifies out against in from the public types alone, sharing no
// code with the planner but the input validation: every order line is
// picked exactly once from locations of its SKU within their stock, no cart
// exceeds a limit, every bin and every put serves one pickup point of its
// own wave, walks are legal and as long as stated (CheckTour), slots are
// distinct, the loading order is the reverse of the truck's stops, totals
// add up and no value beats its lower bound. A wrong plan is a Report with
// Feasible false and its violations (Report.Err(ErrCheck) makes them an
// error); the error is for an input that cannot be checked against.
func Check(in *Input, out *Output) (*Report, error) {
	if out == nil {
		return nil, errors.New("wave: check: output is nil")
	}
	mode := TotalPick
	for _, w := range out.Waves {
		for _, b := range w.Batches {
			if len(b.Bins) > 0 {
				mode = PickByOrder
			}
		}
	}
	if err := Validate(in, Options{Mode: mode}); err != nil {
		return nil, err
	}
	rep := &Report{Report: solver.NewReport()}
	sku := map[string]*SKU{}
	for i := range in.SKUs {
		sku[in.SKUs[i].ID] = &in.SKUs[i]
	}
	loc := map[string]*Location{}
	for i := range in.Locations {
		loc[in.Locations[i].ID] = &in.Locations[i]
	}
	ord := map[string]*Order{}
	for i := range in.Orders {
		ord[in.Orders[i].ID] = &in.Orders[i]
	}
	truck := map[string]*Truck{}
	for i := range in.Trucks {
		truck[in.Trucks[i].ID] = &in.Trucks[i]
	}
	picked := map[string][]int{} // order id → quantity per line
	taken := map[string]int{}    // location id → units
	c := in.Cart
	total := 0.0
	for wi, w := range out.Waves {
		rep.Waves++
		pps := map[string]bool{}
		for _, p := range w.PickupPoints {
			pps[p] = true
		}
		type ppSKU struct{ p, s string }
		demand := map[ppSKU]int{}
		wdist := 0.0
		for bi, b := range w.Batches {
			rep.Batches++
			name := fmt.Sprintf("waves[%d].batches[%d]", wi, bi)
			var vol, wt int64
			binVol := make([]int64, len(b.Bins))
			var positions []Position
			firstAt := map[string]bool{}
			for pi, p := range b.Picks {
				pn := fmt.Sprintf("%s.picks[%d]", name, pi)
				l, ok := loc[p.Location]
				if !ok {
					rep.Add(pn, "unknown location %q", p.Location)
					continue
				}
				if l.SKU != p.SKU || l.Aisle != p.Aisle || l.Cell != p.Cell {
					rep.Add(pn, "says sku %q at (%d, %d), location %q holds %q at (%d, %d)", p.SKU, p.Aisle, p.Cell, l.ID, l.SKU, l.Aisle, l.Cell)
				}
				if !firstAt[l.ID] {
					firstAt[l.ID] = true
					positions = append(positions, Position{l.Aisle, l.Cell})
				}
				if p.Quantity <= 0 {
					rep.Add(pn, "quantity %d", p.Quantity)
				}
				taken[l.ID] += p.Quantity
				rep.Units += int64(p.Quantity)
				s := sku[l.SKU]
				vol += int64(p.Quantity) * s.UnitVolumeCm3
				wt += int64(p.Quantity) * s.UnitWeightG
				sum := 0
				for _, lr := range p.Lines {
					sum += lr.Quantity
					o, ok := ord[lr.Order]
					if !ok || lr.Line < 0 || lr.Line >= len(o.Lines) {
						rep.Add(pn, "unknown order line %q/%d", lr.Order, lr.Line)
						continue
					}
					if o.Lines[lr.Line].SKU != l.SKU {
						rep.Add(pn, "order %q line %d wants %q, location holds %q", lr.Order, lr.Line, o.Lines[lr.Line].SKU, l.SKU)
					}
					if !pps[o.PickupPoint] {
						rep.Add(pn, "order %q goes to %q, not in wave %q", o.ID, o.PickupPoint, w.ID)
					}
					if lr.Quantity <= 0 {
						rep.Add(pn, "line ref quantity %d", lr.Quantity)
					}
					q := picked[o.ID]
					if q == nil {
						q = make([]int, len(o.Lines))
						picked[o.ID] = q
					}
					q[lr.Line] += lr.Quantity
					demand[ppSKU{o.PickupPoint, l.SKU}] += lr.Quantity
					if mode == PickByOrder {
						if p.Bin < 0 || p.Bin >= len(b.Bins) {
							rep.Add(pn, "bin %d outside the cart's %d bins", p.Bin, len(b.Bins))
						} else if b.Bins[p.Bin].PickupPoint != o.PickupPoint {
							rep.Add(pn, "order %q for %q put in bin %d of %q", o.ID, o.PickupPoint, p.Bin, b.Bins[p.Bin].PickupPoint)
						}
					}
				}
				if sum != p.Quantity {
					rep.Add(pn, "quantity %d, its order lines sum to %d", p.Quantity, sum)
				}
				if mode == PickByOrder && p.Bin >= 0 && p.Bin < len(b.Bins) {
					binVol[p.Bin] += int64(p.Quantity) * s.UnitVolumeCm3
				}
			}
			if vol != b.VolumeCm3 || wt != b.WeightG {
				rep.Add(name, "says %d cm3 %d g, picks make %d cm3 %d g", b.VolumeCm3, b.WeightG, vol, wt)
			}
			if c.VolumeCm3 > 0 && vol > c.VolumeCm3 {
				rep.Add(name, "%d cm3 over the cart volume %d", vol, c.VolumeCm3)
			}
			if c.WeightG > 0 && wt > c.WeightG {
				rep.Add(name, "%d g over the cart weight %d", wt, c.WeightG)
			}
			if c.Lines > 0 && len(b.Picks) > c.Lines {
				rep.Add(name, "%d pick lines over the cart's %d", len(b.Picks), c.Lines)
			}
			if mode == PickByOrder {
				if len(b.Bins) > c.Bins {
					rep.Add(name, "%d bins over the cart's %d", len(b.Bins), c.Bins)
				}
				for k, v := range binVol {
					if b.Bins[k].Bin != k {
						rep.Add(fmt.Sprintf("%s.bins[%d]", name, k), "numbered %d", b.Bins[k].Bin)
					}
					if c.BinVolumeCm3 > 0 && v > c.BinVolumeCm3 {
						rep.Add(fmt.Sprintf("%s.bins[%d]", name, k), "%d cm3 over the bin volume %d", v, c.BinVolumeCm3)
					}
					if !pps[b.Bins[k].PickupPoint] {
						rep.Add(fmt.Sprintf("%s.bins[%d]", name, k), "pickup point %q not in the wave", b.Bins[k].PickupPoint)
					}
				}
			}
			order := make([]int, len(positions))
			for i := range order {
				order[i] = i
			}
			if err := CheckTour(&in.Layout, positions, Tour{Order: order, DistanceM: b.DistanceM, Path: b.Path}); err != nil {
				rep.Add(name, "%v", err)
			}
			wdist += b.DistanceM
		}
		total += wdist
		if math.Abs(wdist-w.DistanceM) > 1e-6*(1+wdist) {
			rep.Add(fmt.Sprintf("waves[%d]", wi), "distance %g, batches sum to %g", w.DistanceM, wdist)
		}
		if w.DistanceM < w.Bound.DistanceM-1e-6*(1+wdist) {
			rep.Add(fmt.Sprintf("waves[%d]", wi), "distance %g below its bound %g", w.DistanceM, w.Bound.DistanceM)
		}
		if len(w.Batches) < w.Bound.Carts {
			rep.Add(fmt.Sprintf("waves[%d]", wi), "%d carts below the bound %d", len(w.Batches), w.Bound.Carts)
		}
		// slots, puts and loading
		slot := map[string]int{}
		used := map[int]bool{}
		for si, s := range w.Slots {
			if !pps[s.PickupPoint] {
				rep.Add(fmt.Sprintf("waves[%d].slots[%d]", wi, si), "pickup point %q not in the wave", s.PickupPoint)
			}
			if _, dup := slot[s.PickupPoint]; dup || used[s.Slot] {
				rep.Add(fmt.Sprintf("waves[%d].slots[%d]", wi, si), "pickup point %q or slot %d given twice", s.PickupPoint, s.Slot)
			}
			slot[s.PickupPoint] = s.Slot
			used[s.Slot] = true
			for _, br := range s.Bins {
				if br.Batch < 0 || br.Batch >= len(w.Batches) || br.Bin < 0 || br.Bin >= len(w.Batches[br.Batch].Bins) ||
					w.Batches[br.Batch].Bins[br.Bin].PickupPoint != s.PickupPoint {
					rep.Add(fmt.Sprintf("waves[%d].slots[%d]", wi, si), "bin %v does not hold %q", br, s.PickupPoint)
				}
			}
		}
		if mode == TotalPick {
			put := map[ppSKU]int{}
			for k, p := range w.Puts {
				if s, ok := slot[p.PickupPoint]; !ok || s != p.Slot {
					rep.Add(fmt.Sprintf("waves[%d].puts[%d]", wi, k), "slot %d is not %q's", p.Slot, p.PickupPoint)
				}
				put[ppSKU{p.PickupPoint, p.SKU}] += p.Quantity
			}
			for k, q := range demand {
				if put[k] != q {
					rep.Add(fmt.Sprintf("waves[%d]", wi), "%q gets %d units of %q put, %d picked", k.p, put[k], k.s, q)
				}
			}
		}
		if t, ok := truck[w.Truck]; ok {
			var want []string
			for i := len(t.Stops) - 1; i >= 0; i-- {
				if pps[t.Stops[i]] {
					want = append(want, t.Stops[i])
				}
			}
			if !slices.Equal(want, w.LoadingOrder) {
				rep.Add(fmt.Sprintf("waves[%d]", wi), "loading order %v, want %v (reverse stops)", w.LoadingOrder, want)
			}
		}
	}
	rep.DistanceM = total
	if math.Abs(total-out.DistanceM) > 1e-6*(1+total) {
		rep.Add("distance_m", "%g, waves sum to %g", out.DistanceM, total)
	}
	for i := range in.Orders {
		o := &in.Orders[i]
		q := picked[o.ID]
		for j, l := range o.Lines {
			rep.OrderLines++
			got := 0
			if q != nil {
				got = q[j]
			}
			if got != l.Quantity {
				rep.Add(fmt.Sprintf("orders[%d].lines[%d]", i, j), "%d of %d units picked", got, l.Quantity)
			}
		}
	}
	for i := range in.Locations {
		l := &in.Locations[i]
		if taken[l.ID] > l.Stock {
			rep.Add(fmt.Sprintf("locations[%d]", i), "%d units taken, stock %d", taken[l.ID], l.Stock)
		}
	}
	return rep, nil
}
