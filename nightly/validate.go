package nightly

import (
	"fmt"
	"math"
	"time"

	"fulfil/geo"
	"fulfil/solver"
)

// Limits that keep one night within memory.
const (
	maxOrders  = 2_000_000
	maxEntries = 100_000 // warehouses, pickup points, SKUs, trucks, ...
)

// Validate reports every violation of in as a *solver.InputError, with
// field paths in the JSON names (orders[17].lines[0].sku).
func (in *Input) Validate() error {
	var v solver.Violations
	if _, err := time.Parse(time.DateOnly, in.Date); err != nil {
		v.Add("date", "must be YYYY-MM-DD, got %q", in.Date)
	}
	if in.DeadlineS <= 0 || in.DeadlineS > 48*3600 {
		v.Add("deadline_s", "must be in (0, 172800], got %d", in.DeadlineS)
	}
	if !(in.Travel.SpeedKmh > 0 && in.Travel.SpeedKmh <= 200) {
		v.Add("travel.speed_kmh", "must be in (0, 200], got %g", in.Travel.SpeedKmh)
	}
	if !(in.Travel.RoadFactor >= 1 && in.Travel.RoadFactor < 10) {
		v.Add("travel.road_factor", "must be in [1, 10), got %g", in.Travel.RoadFactor)
	}
	if !(in.Travel.UnloadSPerKg >= 0 && in.Travel.UnloadSPerKg <= 60) {
		v.Add("travel.unload_s_per_kg", "must be in [0, 60], got %g", in.Travel.UnloadSPerKg)
	}
	count := func(field string, n, lo, hi int) {
		if n < lo || n > hi {
			v.Add(field, "must list %d to %d entries, got %d", lo, hi, n)
		}
	}
	count("warehouses", len(in.Warehouses), 1, 1000)
	count("pickup_points", len(in.PickupPoints), 1, maxEntries)
	count("skus", len(in.SKUs), 1, maxEntries)
	count("trucks", len(in.Trucks), 1, maxEntries)
	count("orders", len(in.Orders), 0, maxOrders)
	count("categories", len(in.Categories), 1, 1000)
	count("suppliers", len(in.Suppliers), 1, maxEntries)
	count("activities", len(in.Activities), 1, maxEntries)
	count("stock", len(in.Stock), 0, maxEntries*10)
	count("history", len(in.History), 0, maxEntries*10)
	if v.Len() > 0 {
		return v.Err()
	}

	ids := func(list string, n int, id func(int) string) map[string]int {
		m := make(map[string]int, n)
		for i := range n {
			s := id(i)
			f := fmt.Sprintf("%s[%d].id", list, i)
			switch {
			case s == "":
				v.Add(f, "must not be empty")
			case m[s] > 0:
				v.Add(f, "duplicate id %q (also %s[%d])", s, list, m[s]-1)
			default:
				m[s] = i + 1 // 0 means absent
			}
		}
		return m
	}
	cats := ids("categories", len(in.Categories), func(i int) string { return in.Categories[i].ID })
	sups := ids("suppliers", len(in.Suppliers), func(i int) string { return in.Suppliers[i].ID })
	whs := ids("warehouses", len(in.Warehouses), func(i int) string { return in.Warehouses[i].ID })
	pps := ids("pickup_points", len(in.PickupPoints), func(i int) string { return in.PickupPoints[i].ID })
	skus := ids("skus", len(in.SKUs), func(i int) string { return in.SKUs[i].ID })
	acts := ids("activities", len(in.Activities), func(i int) string { return in.Activities[i].ID })
	ids("trucks", len(in.Trucks), func(i int) string { return in.Trucks[i].ID })
	ids("orders", len(in.Orders), func(i int) string { return in.Orders[i].ID })

	nonneg := func(field string, x float64) {
		if !(x >= 0) || math.IsInf(x, 0) {
			v.Add(field, "must be a finite number >= 0, got %g", x)
		}
	}
	positive := func(field string, x float64) {
		if !(x > 0) || math.IsInf(x, 0) {
			v.Add(field, "must be > 0, got %g", x)
		}
	}
	clock := func(field string, s int) {
		if s < -48*3600 || s > 48*3600 {
			v.Add(field, "must be within 48 h of midnight (-172800 to 172800), got %d", s)
		}
	}
	point := func(field string, p geo.Point) {
		if msg := geo.CheckPoint(p); msg != "" {
			v.Add(field, "%s", msg)
		}
	}
	for i, c := range in.Categories {
		if c.PrepS < 0 || c.PrepS > 48*3600 {
			v.Add(fmt.Sprintf("categories[%d].prep_s", i), "must be in [0, 172800], got %d", c.PrepS)
		}
	}
	for i, s := range in.Suppliers {
		f := fmt.Sprintf("suppliers[%d]", i)
		nonneg(f+".lead_time_days", s.LeadTimeDays)
		nonneg(f+".lead_time_sd_days", s.LeadTimeSDDays)
	}
	for i, w := range in.Warehouses {
		f := fmt.Sprintf("warehouses[%d]", i)
		point(f+".location", w.Location)
		if w.Pickers < 1 || w.Pickers > 10_000 {
			v.Add(f+".pickers", "must be in [1, 10000], got %d", w.Pickers)
		}
		clock(f+".pick_start_s", w.PickStartS)
		if w.ReloadS != nil && (*w.ReloadS < 0 || *w.ReloadS > 24*3600) {
			v.Add(f+".reload_s", "must be in [0, 86400], got %d", *w.ReloadS)
		}
		fl := w.Floor
		if fl.Aisles < 1 || fl.Aisles > 1000 {
			v.Add(f+".floor.aisles", "must be in [1, 1000], got %d", fl.Aisles)
		}
		if fl.Cells < 1 || fl.Cells > 10_000 {
			v.Add(f+".floor.cells", "must be in [1, 10000], got %d", fl.Cells)
		}
		positive(f+".floor.aisle_pitch_m", fl.AislePitchM)
		positive(f+".floor.cell_pitch_m", fl.CellPitchM)
		nonneg(f+".floor.end_gap_m", fl.EndGapM)
		cells := make(map[[2]int]int, len(fl.Slots))
		for j, sl := range fl.Slots {
			g := fmt.Sprintf("%s.floor.slots[%d]", f, j)
			if k, dup := cells[[2]int{sl.Aisle, sl.Cell}]; dup {
				v.Add(g, "aisle %d cell %d already holds slots[%d]", sl.Aisle, sl.Cell, k)
			}
			cells[[2]int{sl.Aisle, sl.Cell}] = j
			if skus[sl.SKU] == 0 {
				v.Add(g+".sku", "unknown sku %q", sl.SKU)
			}
			if sl.Aisle < 0 || sl.Aisle >= fl.Aisles {
				v.Add(g+".aisle", "must be in [0, %d), got %d", fl.Aisles, sl.Aisle)
			}
			if sl.Cell < 0 || sl.Cell >= fl.Cells {
				v.Add(g+".cell", "must be in [0, %d), got %d", fl.Cells, sl.Cell)
			}
		}
	}
	for i, p := range in.PickupPoints {
		f := fmt.Sprintf("pickup_points[%d]", i)
		point(f+".location", p.Location)
		clock(f+".open_s", p.OpenS)
		if p.OpenS >= in.DeadlineS {
			v.Add(f+".open_s", "must be before deadline_s %d, got %d", in.DeadlineS, p.OpenS)
		}
		if p.ServiceS < 0 || p.ServiceS > 3600 {
			v.Add(f+".service_s", "must be in [0, 3600], got %d", p.ServiceS)
		}
	}
	for i, k := range in.SKUs {
		f := fmt.Sprintf("skus[%d]", i)
		if cats[k.Category] == 0 {
			v.Add(f+".category", "unknown category %q", k.Category)
		}
		if sups[k.Supplier] == 0 {
			v.Add(f+".supplier", "unknown supplier %q", k.Supplier)
		}
		positive(f+".weight_kg", k.WeightKg)
		positive(f+".volume_m3", k.VolumeM3)
		if k.ShelfLifeDays < 1 {
			v.Add(f+".shelf_life_days", "must be >= 1, got %d", k.ShelfLifeDays)
		}
		switch k.Temperature {
		case Ambient, Chilled, Frozen:
		default:
			v.Add(f+".temperature", "must be %q, %q or %q, got %q", Ambient, Chilled, Frozen, k.Temperature)
		}
		nonneg(f+".price_cny", k.PriceCNY)
		nonneg(f+".cost_cny", k.CostCNY)
		if k.CasePack < 0 {
			v.Add(f+".case_pack", "must be >= 0, got %d", k.CasePack)
		}
		if k.ForecastUnits < 0 {
			v.Add(f+".forecast_units", "must be >= 0, got %d", k.ForecastUnits)
		}
	}
	for i, a := range in.Activities {
		if a.ThresholdOrders < 0 {
			v.Add(fmt.Sprintf("activities[%d].threshold_orders", i), "must be >= 0, got %d", a.ThresholdOrders)
		}
	}
	for i, o := range in.Orders {
		if v.Full() {
			break
		}
		f := fmt.Sprintf("orders[%d]", i)
		if pps[o.PickupPoint] == 0 {
			v.Add(f+".pickup_point", "unknown pickup point %q", o.PickupPoint)
		}
		if acts[o.Activity] == 0 {
			v.Add(f+".activity", "unknown activity %q", o.Activity)
		}
		if o.PlacedS != nil {
			clock(f+".placed_s", *o.PlacedS)
		}
		if len(o.Lines) == 0 {
			v.Add(f+".lines", "must not be empty")
		}
		for j, l := range o.Lines {
			g := fmt.Sprintf("%s.lines[%d]", f, j)
			if skus[l.SKU] == 0 {
				v.Add(g+".sku", "unknown sku %q", l.SKU)
			}
			if l.Quantity < 1 || l.Quantity > 1_000_000 {
				v.Add(g+".quantity", "must be in [1, 1000000], got %d", l.Quantity)
			}
		}
	}
	for i, t := range in.Trucks {
		f := fmt.Sprintf("trucks[%d]", i)
		if whs[t.Warehouse] == 0 {
			v.Add(f+".warehouse", "unknown warehouse %q", t.Warehouse)
		}
		if t.RefrigerationBooked && !t.Refrigerated {
			v.Add(f+".refrigeration_booked", "must be false for a truck that is not refrigerated")
		}
		positive(f+".capacity_kg", t.CapacityKg)
		positive(f+".capacity_m3", t.CapacityM3)
		clock(f+".shift_start_s", t.ShiftStartS)
		clock(f+".shift_end_s", t.ShiftEndS)
		if t.ShiftEndS <= t.ShiftStartS {
			v.Add(f+".shift_end_s", "must be after shift_start_s %d, got %d", t.ShiftStartS, t.ShiftEndS)
		}
	}
	type pair struct{ w, k string }
	slotted := make(map[pair]bool)
	for _, w := range in.Warehouses {
		for _, sl := range w.Floor.Slots {
			slotted[pair{w.ID, sl.SKU}] = true
		}
	}
	seen := make(map[pair]int, len(in.Stock))
	for i, s := range in.Stock {
		f := fmt.Sprintf("stock[%d]", i)
		if whs[s.Warehouse] == 0 {
			v.Add(f+".warehouse", "unknown warehouse %q", s.Warehouse)
		}
		if skus[s.SKU] == 0 {
			v.Add(f+".sku", "unknown sku %q", s.SKU)
		}
		if s.Units < 0 {
			v.Add(f+".units", "must be >= 0, got %d", s.Units)
		}
		if j, dup := seen[pair{s.Warehouse, s.SKU}]; dup {
			v.Add(f, "duplicate stock of %s at %s (also stock[%d])", s.SKU, s.Warehouse, j)
		}
		if w := whs[s.Warehouse]; w > 0 && s.Units > 0 && !slotted[pair{s.Warehouse, s.SKU}] {
			v.Add(f+".sku", "%s has no slot on the floor of %s to pick %d units from", s.SKU, s.Warehouse, s.Units)
		}
		seen[pair{s.Warehouse, s.SKU}] = i
	}
	clear(seen)
	for i, h := range in.History {
		f := fmt.Sprintf("history[%d]", i)
		if whs[h.Warehouse] == 0 {
			v.Add(f+".warehouse", "unknown warehouse %q", h.Warehouse)
		}
		if skus[h.SKU] == 0 {
			v.Add(f+".sku", "unknown sku %q", h.SKU)
		}
		if len(h.Daily) > 3660 {
			v.Add(f+".daily", "must hold at most 3660 days, got %d", len(h.Daily))
		}
		for j, d := range h.Daily {
			if d < 0 {
				v.Add(fmt.Sprintf("%s.daily[%d]", f, j), "must be >= 0, got %d", d)
				break
			}
		}
		if j, dup := seen[pair{h.Warehouse, h.SKU}]; dup {
			v.Add(f, "duplicate history of %s at %s (also history[%d])", h.SKU, h.Warehouse, j)
		}
		seen[pair{h.Warehouse, h.SKU}] = i
	}
	return v.Err()
}
