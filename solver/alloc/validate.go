package alloc

import (
	"fmt"
	"math"

	"fulfil/geo"
	"fulfil/solver"
)

// validate checks in field by field and returns an *solver.InputError
// naming every bad field: empty or duplicate ids, unknown ids, negative or
// oversized quantities, duplicate stock or demand lines, a cost matrix of
// the wrong shape, bad locations when costs come from them.
func validate(in *Input) error {
	var v solver.Violations
	wh := idIndex(&v, "warehouses", len(in.Warehouses), func(i int) string { return in.Warehouses[i].ID })
	pp := idIndex(&v, "pickup_points", len(in.PickupPoints), func(i int) string { return in.PickupPoints[i].ID })
	sk := idIndex(&v, "skus", len(in.SKUs), func(i int) string { return in.SKUs[i].ID })
	if len(in.Warehouses) == 0 {
		v.Add("warehouses", "must not be empty")
	}
	for i, p := range in.PickupPoints {
		if p.Home != "" {
			if _, ok := wh[p.Home]; !ok {
				v.Add(fmt.Sprintf("pickup_points[%d].home", i), "unknown warehouse %q", p.Home)
			}
		}
		if p.UnmetPenalty < 0 || p.UnmetPenalty > maxMoney {
			v.Add(fmt.Sprintf("pickup_points[%d].unmet_penalty", i), "must be in [0, %d], got %d", maxMoney, p.UnmetPenalty)
		}
	}
	type pair struct{ a, b int }
	seen := make(map[pair]int, len(in.Stock))
	for i, s := range in.Stock {
		f := fmt.Sprintf("stock[%d]", i)
		w, okW := wh[s.Warehouse]
		if !okW {
			v.Add(f+".warehouse", "unknown warehouse %q", s.Warehouse)
		}
		k, okK := sk[s.SKU]
		if !okK {
			v.Add(f+".sku", "unknown sku %q", s.SKU)
		}
		if s.Units < 0 || s.Units > maxUnits {
			v.Add(f+".units", "must be in [0, %d], got %d", maxUnits, s.Units)
		}
		if s.SafetyUnits < 0 || s.SafetyUnits > s.Units {
			v.Add(f+".safety_units", "must be in [0, units=%d], got %d", s.Units, s.SafetyUnits)
		}
		if okW && okK {
			if j, dup := seen[pair{w, k}]; dup {
				v.Add(f, "duplicates stock[%d] (warehouse %q, sku %q)", j, s.Warehouse, s.SKU)
			} else {
				seen[pair{w, k}] = i
			}
		}
	}
	clear(seen)
	for i, d := range in.Demand {
		f := fmt.Sprintf("demand[%d]", i)
		p, okP := pp[d.PickupPoint]
		if !okP {
			v.Add(f+".pickup_point", "unknown pickup point %q", d.PickupPoint)
		}
		k, okK := sk[d.SKU]
		if !okK {
			v.Add(f+".sku", "unknown sku %q", d.SKU)
		}
		if d.Units < 0 || d.Units > maxUnits {
			v.Add(f+".units", "must be in [0, %d], got %d", maxUnits, d.Units)
		}
		if okP && okK {
			if j, dup := seen[pair{p, k}]; dup {
				v.Add(f, "duplicates demand[%d] (pickup point %q, sku %q)", j, d.PickupPoint, d.SKU)
			} else {
				seen[pair{p, k}] = i
			}
		}
	}
	if in.CostPerUnit != nil {
		if len(in.CostPerUnit) != len(in.Warehouses) {
			v.Add("cost_per_unit", "has %d rows, want %d (one per warehouse)", len(in.CostPerUnit), len(in.Warehouses))
		}
		for w, row := range in.CostPerUnit {
			if len(row) != len(in.PickupPoints) {
				v.Add(fmt.Sprintf("cost_per_unit[%d]", w), "has %d columns, want %d (one per pickup point)", len(row), len(in.PickupPoints))
				continue
			}
			for p, c := range row {
				if c < 0 || c > maxMoney {
					v.Add(fmt.Sprintf("cost_per_unit[%d][%d]", w, p), "must be in [0, %d], got %d", maxMoney, c)
				}
			}
		}
	} else {
		if !(in.CostPerUnitKm > 0) || math.IsInf(in.CostPerUnitKm, 0) {
			v.Add("cost_per_unit_km", "must be positive and finite without cost_per_unit, got %g", in.CostPerUnitKm)
		}
		for i, w := range in.Warehouses {
			if msg := geo.CheckPoint(w.Location); msg != "" {
				v.Add(fmt.Sprintf("warehouses[%d].location", i), "%s", msg)
			}
		}
		for i, p := range in.PickupPoints {
			if msg := geo.CheckPoint(p.Location); msg != "" {
				v.Add(fmt.Sprintf("pickup_points[%d].location", i), "%s", msg)
			}
		}
	}
	return v.Err()
}

// idIndex maps ids to positions, reporting empty and duplicate ids.
func idIndex(v *solver.Violations, field string, n int, id func(int) string) map[string]int {
	m := make(map[string]int, n)
	for i := range n {
		s := id(i)
		if s == "" {
			v.Add(fmt.Sprintf("%s[%d].id", field, i), "must not be empty")
			continue
		}
		if j, dup := m[s]; dup {
			v.Add(fmt.Sprintf("%s[%d].id", field, i), "duplicates %s[%d] (%q)", field, j, s)
			continue
		}
		m[s] = i
	}
	return m
}
