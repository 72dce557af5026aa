package datasets_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"sort"
	"testing"

	"fulfil/datasets"
	"fulfil/geo"
	"fulfil/solver"
	"fulfil/solver/vrp"
)

// small is a quick scenario for tests that need no full size.
func small() datasets.ScenarioOptions {
	o := datasets.DefaultScenario()
	o.Orders, o.PickupPoints, o.Trucks, o.HistoryDays = 2000, 30, 3, 56
	o.City = "guangzhou"
	return o
}

func TestGenerateDeterministic(t *testing.T) {
	for _, o := range []datasets.ScenarioOptions{small(), datasets.DefaultScenario()} {
		a, err := datasets.Generate(o)
		if err != nil {
			t.Fatal(err)
		}
		b, err := datasets.Generate(o)
		if err != nil {
			t.Fatal(err)
		}
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if !bytes.Equal(ja, jb) {
			t.Errorf("%s: two runs with seed %d differ", o.Name, o.Seed)
		}
		o.Seed++
		c, err := datasets.Generate(o)
		if err != nil {
			t.Fatal(err)
		}
		if jc, _ := json.Marshal(c); bytes.Equal(ja, jc) {
			t.Errorf("%s: seeds %d and %d give the same scenario", o.Name, o.Seed-1, o.Seed)
		}
	}
}

// TestGenerateDefault checks the Dragon Boat scenario's counts and
// invariants.
func TestGenerateDefault(t *testing.T) {
	o := datasets.DefaultScenario()
	s, err := datasets.Generate(o)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Orders) != 50_000 || len(s.SKUs) != 20 || len(s.PickupPoints) != 200 || len(s.Trucks) != 10 ||
		len(s.Warehouses) != 2 || len(s.History) != 40 {
		t.Fatalf("counts: %d orders, %d skus, %d pickup points, %d trucks, %d warehouses, %d histories",
			len(s.Orders), len(s.SKUs), len(s.PickupPoints), len(s.Trucks), len(s.Warehouses), len(s.History))
	}
	skus := map[string]datasets.SKU{}
	for _, k := range s.SKUs {
		if k.WeightKg <= 0 || k.VolumeM3 <= 0 || k.ShelfLifeDays <= 0 || k.PriceCNY <= 0 {
			t.Errorf("sku %+v: non-positive attribute", k)
		}
		if k.Temperature != datasets.Ambient && k.Temperature != datasets.Chilled && k.Temperature != datasets.Frozen {
			t.Errorf("sku %s: temperature %q", k.ID, k.Temperature)
		}
		skus[k.ID] = k
	}
	points := map[string]bool{}
	for _, p := range s.PickupPoints {
		if msg := geo.CheckPoint(p.Location); msg != "" || geo.HaversineM(p.Location, s.Centre) > 40_000 {
			t.Errorf("pickup point %s at %v: %s, %.0f m from the centre", p.ID, p.Location, msg, geo.HaversineM(p.Location, s.Centre))
		}
		points[p.ID] = true
	}
	var kg, m3 float64
	used := map[string]int{}
	for _, ord := range s.Orders {
		if !points[ord.PickupPoint] || len(ord.Lines) == 0 || len(ord.Lines) > 3 {
			t.Fatalf("order %+v", ord)
		}
		seen := map[string]bool{}
		for _, l := range ord.Lines {
			k, ok := skus[l.SKU]
			if !ok || l.Quantity <= 0 || seen[l.SKU] {
				t.Fatalf("order %s line %+v", ord.ID, l)
			}
			seen[l.SKU] = true
			kg += float64(l.Quantity) * k.WeightKg
			m3 += float64(l.Quantity) * k.VolumeM3
		}
		used[ord.PickupPoint]++
	}
	if len(used) < 190 {
		t.Errorf("only %d of 200 pickup points have orders", len(used))
	}
	var capKg, capM3 float64
	for _, tr := range s.Trucks {
		if !tr.Refrigerated || tr.ShiftStartS != 5*3600 || tr.ShiftEndS != 12*3600 {
			t.Errorf("truck %+v", tr)
		}
		capKg += tr.CapacityKg
		capM3 += tr.CapacityM3
	}
	if u := kg / capKg; u < 0.8 || u > 0.9 {
		t.Errorf("weight utilisation %.3f (%.0f of %.0f kg), want 0.8-0.9", u, kg, capKg)
	}
	if u := m3 / capM3; u < 0.8 || u > 0.9 {
		t.Errorf("volume utilisation %.3f (%.1f of %.1f m3), want 0.8-0.9", u, m3, capM3)
	}
	// History: every series full length and non-negative; intermittent SKUs
	// (a fifth) have mostly zero days; the rest sell more on weekends.
	lumpy := 0
	var weekend, weekday float64
	var nWeekend, nWeekday int
	for _, h := range s.History {
		if len(h.Daily) != o.HistoryDays || h.StartDate != "2025-12-19" {
			t.Fatalf("history %s/%s: %d days from %s", h.SKU, h.Warehouse, len(h.Daily), h.StartDate)
		}
		zeros := 0
		for d, x := range h.Daily {
			if x < 0 {
				t.Fatalf("history %s/%s day %d: %d", h.SKU, h.Warehouse, d, x)
			}
			if x == 0 {
				zeros++
			}
		}
		if zeros > o.HistoryDays/2 {
			lumpy++
			continue
		}
		for d, x := range h.Daily {
			if wd := (5 + d) % 7; wd == 0 || wd == 6 { // 2025-12-19 is a Friday
				weekend += float64(x)
				nWeekend++
			} else {
				weekday += float64(x)
				nWeekday++
			}
		}
	}
	if lumpy != 8 { // 4 intermittent SKUs × 2 warehouses
		t.Errorf("%d intermittent series, want 8", lumpy)
	}
	if weekend/float64(nWeekend) < 1.15*weekday/float64(nWeekday) {
		t.Errorf("weekend mean %.1f not above weekday mean %.1f", weekend/float64(nWeekend), weekday/float64(nWeekday))
	}
}

// sweepPlan builds a plan for a scenario's routing input without a solver:
// stops sorted by angle around the centre, each route filled in that order
// by cheapest feasible insertion from the warehouse nearest to its first
// stop. It returns the plan and the number of stops it could not place.
func sweepPlan(s *datasets.Scenario, in *vrp.Input) (*vrp.Output, int) {
	depots := map[string]geo.Point{}
	for _, d := range in.Depots {
		depots[d.ID] = d.Location
	}
	travel := func(a, b geo.Point) (float64, float64) {
		m := geo.HaversineM(a, b) * in.Travel.RoadFactor
		return m, m * 3.6 / in.Travel.SpeedKmh
	}
	// simulate returns the route's distance and whether it is feasible.
	simulate := func(v vrp.Vehicle, stops []vrp.Stop) (float64, bool) {
		now, dist, at := v.Shift.StartS, 0.0, depots[v.StartDepot]
		var load vrp.Load
		for _, st := range stops {
			dd, dt := travel(at, st.Location)
			dist, now = dist+dd, math.Max(now+dt, st.TimeWindows[0].StartS)
			if now > st.TimeWindows[0].EndS {
				return 0, false
			}
			now += st.ServiceS
			load.WeightKg += st.Demand.WeightKg
			load.VolumeM3 += st.Demand.VolumeM3
			at = st.Location
		}
		dd, dt := travel(at, depots[v.StartDepot])
		return dist + dd, now+dt <= v.Shift.EndS && load.WeightKg <= v.Capacity.WeightKg && load.VolumeM3 <= v.Capacity.VolumeM3
	}
	angle := func(p geo.Point) float64 { return math.Atan2(p[1]-s.Centre[1], p[0]-s.Centre[0]) }
	pool := slices.Clone(in.Stops)
	sort.Slice(pool, func(i, j int) bool { return angle(pool[i].Location) < angle(pool[j].Location) })
	// Start the sweep at the widest angular gap.
	best, start := -1.0, 0
	for i := range pool {
		gap := angle(pool[i].Location) - angle(pool[(i+len(pool)-1)%len(pool)].Location)
		if gap < 0 {
			gap += 2 * math.Pi
		}
		if gap > best {
			best, start = gap, i
		}
	}
	pool = append(pool[start:], pool[:start]...)
	free := slices.Clone(in.Vehicles)
	out := &vrp.Output{}
	for len(pool) > 0 && len(free) > 0 {
		// The truck whose warehouse is nearest the next stop.
		k := 0
		for i, v := range free {
			if geo.HaversineM(depots[v.StartDepot], pool[0].Location) < geo.HaversineM(depots[free[k].StartDepot], pool[0].Location) {
				k = i
			}
		}
		v := free[k]
		free = slices.Delete(free, k, k+1)
		var route []vrp.Stop
		for len(pool) > 0 {
			bestD, bestAt := math.Inf(1), -1
			for at := 0; at <= len(route); at++ {
				try := slices.Insert(slices.Clone(route), at, pool[0])
				if d, ok := simulate(v, try); ok && d < bestD {
					bestD, bestAt = d, at
				}
			}
			if bestAt < 0 {
				break
			}
			route = slices.Insert(route, bestAt, pool[0])
			pool = pool[1:]
		}
		rt := vrp.Route{Vehicle: v.ID, StartDepot: v.StartDepot, StartS: v.Shift.StartS}
		for _, st := range route {
			rt.Visits = append(rt.Visits, vrp.Visit{Stop: st.ID})
		}
		d, _ := simulate(v, route)
		out.Routes = append(out.Routes, rt)
		out.Cost += d
	}
	for _, st := range pool {
		out.Unassigned = append(out.Unassigned, vrp.Unassigned{ID: st.ID, Reason: "sweep ran out of trucks"})
	}
	return out, len(pool)
}

// TestScenarioFeasible converts the default scenario to a routing input and
// shows it can be served by its 10 trucks: a simple sweep plan, checked by
// vrp.Check, serves every pickup point by 11:00 within capacity.
func TestScenarioFeasible(t *testing.T) {
	s, err := datasets.Generate(datasets.DefaultScenario())
	if err != nil {
		t.Fatal(err)
	}
	in, err := s.VRPInput()
	if err != nil {
		t.Fatal(err)
	}
	if len(in.Depots) != 2 || len(in.Vehicles) != 10 || len(in.Stops) < 190 {
		t.Fatalf("input: %d depots, %d vehicles, %d stops", len(in.Depots), len(in.Vehicles), len(in.Stops))
	}
	cold := 0
	for _, st := range in.Stops {
		if len(st.Skills) == 1 && st.Skills[0] == datasets.Refrigerated {
			cold++
		}
		if w := st.TimeWindows[0]; w.EndS+st.ServiceS > 11*3600 || w.StartS < 5*3600 {
			t.Errorf("stop %s: window %+v with service %g", st.ID, w, st.ServiceS)
		}
	}
	if cold == 0 {
		t.Error("no stop needs a refrigerated truck")
	}
	plan, left := sweepPlan(s, in)
	if left > 0 {
		t.Fatalf("sweep left %d of %d stops unserved", left, len(in.Stops))
	}
	rep, err := vrp.Check(in, plan)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Feasible {
		t.Fatalf("sweep plan infeasible: %v", rep.Violations)
	}
	t.Logf("sweep plan: %d routes, %.0f km", rep.VehiclesUsed, rep.DistanceM/1000)
}

// TestScenarioVRPInputErrors edits a scenario into broken ones.
func TestScenarioVRPInputErrors(t *testing.T) {
	s, err := datasets.Generate(small())
	if err != nil {
		t.Fatal(err)
	}
	s.Orders[3].Lines[0].Quantity = 0
	s.Orders[5].PickupPoint = "P999"
	_, err = s.VRPInput()
	ie, ok := errors.AsType[*solver.InputError](err)
	if !ok || len(ie.Violations) != 2 || ie.Violations[0].Field != "orders[3].lines[0].quantity" || ie.Violations[1].Field != "orders[5].pickup_point" {
		t.Errorf("got %v", err)
	}
}

func TestScenarioOptionsValidate(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(*datasets.ScenarioOptions)
		field string
	}{
		{"city", func(o *datasets.ScenarioOptions) { o.City = "paris" }, "city"},
		{"date", func(o *datasets.ScenarioOptions) { o.Date = "19/06/2026" }, "date"},
		{"no trucks", func(o *datasets.ScenarioOptions) { o.Trucks = 0 }, "trucks"},
		{"orders", func(o *datasets.ScenarioOptions) { o.Orders = -1 }, "orders"},
		{"share", func(o *datasets.ScenarioOptions) { o.ColdShare = 1.5 }, "cold_share"},
		{"deadline", func(o *datasets.ScenarioOptions) { o.DeadlineS = 13 * 3600 }, "deadline_s"},
		{"speed", func(o *datasets.ScenarioOptions) { o.SpeedKmh = math.NaN() }, "speed_kmh"},
		{"utilisation", func(o *datasets.ScenarioOptions) { o.TargetUtilisation = 0 }, "target_utilisation"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := datasets.DefaultScenario()
			c.edit(&o)
			err := o.Validate()
			ie, ok := errors.AsType[*solver.InputError](err)
			if !ok || ie.Field() != c.field {
				t.Errorf("got %v, want a violation of %s", err, c.field)
			}
			if _, err := datasets.Generate(o); err == nil {
				t.Error("Generate accepted the options")
			}
		})
	}
	if err := datasets.DefaultScenario().Validate(); err != nil {
		t.Errorf("default: %v", err)
	}
}

func BenchmarkGenerateDefault(b *testing.B) {
	o := datasets.DefaultScenario()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := datasets.Generate(o); err != nil {
			b.Fatal(err)
		}
	}
}
