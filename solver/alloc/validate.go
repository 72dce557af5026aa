package alloc

import (
	"fmt"
	"math"
	"slices"

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
	// Field names are built only for a violation: inputs run to a million
	// demand rows, and formatting a name per row cost more than the solve
	// of some SKUs.
	seen := newPairSet(len(in.Warehouses), len(in.SKUs))
	for i, s := range in.Stock {
		w, okW := wh[s.Warehouse]
		if !okW {
			v.Add(fmt.Sprintf("stock[%d].warehouse", i), "unknown warehouse %q", s.Warehouse)
		}
		k, okK := sk[s.SKU]
		if !okK {
			v.Add(fmt.Sprintf("stock[%d].sku", i), "unknown sku %q", s.SKU)
		}
		if s.Units < 0 || s.Units > maxUnits {
			v.Add(fmt.Sprintf("stock[%d].units", i), "must be in [0, %d], got %d", maxUnits, s.Units)
		}
		if s.SafetyUnits < 0 || s.SafetyUnits > s.Units {
			v.Add(fmt.Sprintf("stock[%d].safety_units", i), "must be in [0, units=%d], got %d", s.Units, s.SafetyUnits)
		}
		if okW && okK && !seen.add(w, k) && !v.Full() {
			j := slices.IndexFunc(in.Stock, func(o Stock) bool { return o.Warehouse == s.Warehouse && o.SKU == s.SKU })
			v.Add(fmt.Sprintf("stock[%d]", i), "duplicates stock[%d] (warehouse %q, sku %q)", j, s.Warehouse, s.SKU)
		}
	}
	seen = newPairSet(len(in.PickupPoints), len(in.SKUs))
	for i, d := range in.Demand {
		p, okP := pp[d.PickupPoint]
		if !okP {
			v.Add(fmt.Sprintf("demand[%d].pickup_point", i), "unknown pickup point %q", d.PickupPoint)
		}
		k, okK := sk[d.SKU]
		if !okK {
			v.Add(fmt.Sprintf("demand[%d].sku", i), "unknown sku %q", d.SKU)
		}
		if d.Units < 0 || d.Units > maxUnits {
			v.Add(fmt.Sprintf("demand[%d].units", i), "must be in [0, %d], got %d", maxUnits, d.Units)
		}
		if okP && okK && !seen.add(p, k) && !v.Full() {
			j := slices.IndexFunc(in.Demand, func(o Demand) bool { return o.PickupPoint == d.PickupPoint && o.SKU == d.SKU })
			v.Add(fmt.Sprintf("demand[%d]", i), "duplicates demand[%d] (pickup point %q, sku %q)", j, d.PickupPoint, d.SKU)
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

// pairSet holds pairs (a, b) of indices below (na, nb): a bitset when it
// takes at most 32 MiB, a map beyond.
type pairSet struct {
	nb   int
	bits []uint64
	m    map[[2]int]struct{}
}

func newPairSet(na, nb int) *pairSet {
	if n := na * nb; na > 0 && nb > 0 && n/na == nb && n <= 1<<28 {
		return &pairSet{nb: nb, bits: make([]uint64, (n+63)/64)}
	}
	return &pairSet{m: make(map[[2]int]struct{})}
}

// add inserts (a, b) and reports whether it was new.
func (s *pairSet) add(a, b int) bool {
	if s.bits != nil {
		i := a*s.nb + b
		w, bit := i/64, uint64(1)<<(i%64)
		if s.bits[w]&bit != 0 {
			return false
		}
		s.bits[w] |= bit
		return true
	}
	k := [2]int{a, b}
	if _, ok := s.m[k]; ok {
		return false
	}
	s.m[k] = struct{}{}
	return true
}
