package wave

import (
	"fmt"
	"math"

	"fulfil/solver"
)

// Validate checks in for planning with opt and returns nil or an
// *solver.InputError naming every bad field (at most solver.MaxViolations).
func Validate(in *Input, opt Options) error {
	if err := opt.Validate(); err != nil {
		return solver.Under("options", err)
	}
	if in == nil {
		return solver.Errorf("input", "missing")
	}
	opt = opt.withDefaults()
	var v solver.Violations
	validateLayout(&v, "layout", &in.Layout)
	c := in.Cart
	if opt.Mode == PickByOrder && c.Bins < 1 {
		v.Add("cart.bins", "must be >= 1 for pick-by-order, got %d", c.Bins)
	}
	if c.Bins < 0 {
		v.Add("cart.bins", "must be >= 0, got %d", c.Bins)
	}
	if c.BinVolumeCm3 < 0 {
		v.Add("cart.bin_volume_cm3", "must be >= 0, got %d", c.BinVolumeCm3)
	}
	if c.VolumeCm3 < 0 {
		v.Add("cart.volume_cm3", "must be >= 0, got %d", c.VolumeCm3)
	}
	if c.WeightG < 0 {
		v.Add("cart.weight_g", "must be >= 0, got %d", c.WeightG)
	}
	if c.Lines < 0 {
		v.Add("cart.lines", "must be >= 0, got %d", c.Lines)
	}
	for _, f := range []struct {
		name string
		x    float64
	}{{"walk_m_per_s", in.Times.WalkMPerS}, {"pick_s_per_line", in.Times.PickSPerLine}, {"pick_s_per_unit", in.Times.PickSPerUnit}, {"setup_s_per_batch", in.Times.SetupSPerBatch}} {
		if !(f.x >= 0) || math.IsInf(f.x, 0) {
			v.Add("times."+f.name, "must be a finite number >= 0, got %g", f.x)
		}
	}
	volCap, volWhat := c.VolumeCm3, "cart volume"
	if opt.Mode == PickByOrder && c.BinVolumeCm3 > 0 && (volCap == 0 || c.BinVolumeCm3 < volCap) {
		volCap, volWhat = c.BinVolumeCm3, "bin volume"
	}
	skus := make(map[string]int, len(in.SKUs))
	for i, s := range in.SKUs {
		f := fmt.Sprintf("skus[%d]", i)
		if s.ID == "" {
			v.Add(f+".id", "must not be empty")
		} else if j, dup := skus[s.ID]; dup {
			v.Add(f+".id", "duplicate id %q (also skus[%d])", s.ID, j)
		} else {
			skus[s.ID] = i
		}
		if s.UnitVolumeCm3 < 0 {
			v.Add(f+".unit_volume_cm3", "must be >= 0, got %d", s.UnitVolumeCm3)
		} else if volCap > 0 && s.UnitVolumeCm3 > volCap {
			v.Add(f+".unit_volume_cm3", "one unit (%d cm3) is larger than the %s (%d cm3)", s.UnitVolumeCm3, volWhat, volCap)
		}
		if s.UnitWeightG < 0 {
			v.Add(f+".unit_weight_g", "must be >= 0, got %d", s.UnitWeightG)
		} else if c.WeightG > 0 && s.UnitWeightG > c.WeightG {
			v.Add(f+".unit_weight_g", "one unit (%d g) is heavier than the cart limit (%d g)", s.UnitWeightG, c.WeightG)
		}
	}
	stock := make([]int64, len(in.SKUs))
	located := make([]bool, len(in.SKUs))
	locs := make(map[string]int, len(in.Locations))
	for i, l := range in.Locations {
		f := fmt.Sprintf("locations[%d]", i)
		if l.ID == "" {
			v.Add(f+".id", "must not be empty")
		} else if j, dup := locs[l.ID]; dup {
			v.Add(f+".id", "duplicate id %q (also locations[%d])", l.ID, j)
		} else {
			locs[l.ID] = i
		}
		k, ok := skus[l.SKU]
		if !ok {
			v.Add(f+".sku", "unknown sku %q", l.SKU)
		}
		if l.Aisle < 0 || l.Aisle >= in.Layout.Aisles {
			v.Add(f+".aisle", "must lie in [0, %d], got %d", in.Layout.Aisles-1, l.Aisle)
		}
		if l.Cell < 0 || l.Cell >= in.Layout.Cells {
			v.Add(f+".cell", "must lie in [0, %d], got %d", in.Layout.Cells-1, l.Cell)
		}
		if l.Side != "" && l.Side != "left" && l.Side != "right" {
			v.Add(f+".side", "want \"left\", \"right\" or empty, got %q", l.Side)
		}
		if l.Stock < 0 {
			v.Add(f+".stock", "must be >= 0, got %d", l.Stock)
		} else if ok {
			stock[k] += int64(l.Stock)
			located[k] = true
		}
	}
	onTruck := map[string]int{}
	for i, t := range in.Trucks {
		f := fmt.Sprintf("trucks[%d]", i)
		if t.ID == "" {
			v.Add(f+".id", "must not be empty")
		}
		if len(t.Stops) == 0 {
			v.Add(f+".stops", "must list at least one pickup point")
		}
		for j, p := range t.Stops {
			if p == "" {
				v.Add(fmt.Sprintf("%s.stops[%d]", f, j), "must not be empty")
			} else if k, dup := onTruck[p]; dup {
				v.Add(fmt.Sprintf("%s.stops[%d]", f, j), "pickup point %q is already a stop of trucks[%d]", p, k)
			} else {
				onTruck[p] = i
			}
		}
	}
	byTruck := opt.WaveBy == "truck" || (opt.WaveBy == "" && len(in.Trucks) > 0)
	if opt.WaveBy == "truck" && len(in.Trucks) == 0 {
		v.Add("trucks", "waves by truck need at least one truck")
	}
	orders := make(map[string]int, len(in.Orders))
	demand := make([]int64, len(in.SKUs))
	for i, o := range in.Orders {
		if v.Full() {
			break
		}
		f := fmt.Sprintf("orders[%d]", i)
		if o.ID == "" {
			v.Add(f+".id", "must not be empty")
		} else if j, dup := orders[o.ID]; dup {
			v.Add(f+".id", "duplicate id %q (also orders[%d])", o.ID, j)
		} else {
			orders[o.ID] = i
		}
		if o.PickupPoint == "" {
			v.Add(f+".pickup_point", "must not be empty")
		} else if _, ok := onTruck[o.PickupPoint]; byTruck && len(in.Trucks) > 0 && !ok {
			v.Add(f+".pickup_point", "%q is a stop of no truck", o.PickupPoint)
		}
		if len(o.Lines) == 0 {
			v.Add(f+".lines", "must hold at least one line")
		}
		for j, l := range o.Lines {
			lf := fmt.Sprintf("%s.lines[%d]", f, j)
			k, ok := skus[l.SKU]
			if !ok {
				v.Add(lf+".sku", "unknown sku %q", l.SKU)
			} else if !located[k] {
				v.Add(lf+".sku", "sku %q has no location", l.SKU)
			}
			if l.Quantity <= 0 {
				v.Add(lf+".quantity", "must be > 0, got %d", l.Quantity)
				continue
			}
			if ok && located[k] {
				demand[k] += int64(l.Quantity)
				if demand[k] > stock[k] && demand[k]-int64(l.Quantity) <= stock[k] {
					v.Add(lf+".quantity", "sku %q is ordered beyond its stock of %d units", l.SKU, stock[k])
				}
			}
		}
	}
	return v.Err()
}
