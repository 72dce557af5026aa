package datasets_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"testing"

	"fulfil/datasets"
	"fulfil/geo"
	"fulfil/nightly"
	"fulfil/solver"
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

// shanghai is People's Square, the festival's centre.
var shanghai = geo.Point{121.4737, 31.2304}

// TestGenerateDefault checks the Dragon Boat scenario's counts and
// invariants.
func TestGenerateDefault(t *testing.T) {
	o := datasets.DefaultScenario()
	s, err := datasets.Generate(o)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(); err != nil {
		t.Fatalf("the generated input fails validation: %v", err)
	}
	if len(s.Activities) != 200 || len(s.Categories) != 2 || len(s.Suppliers) == 0 {
		t.Errorf("%d activities, %d categories, %d suppliers", len(s.Activities), len(s.Categories), len(s.Suppliers))
	}
	if len(s.Orders) != 50_000 || len(s.SKUs) != 20 || len(s.PickupPoints) != 200 || len(s.Trucks) != 10 ||
		len(s.Warehouses) != 2 || len(s.History) != 40 {
		t.Fatalf("counts: %d orders, %d skus, %d pickup points, %d trucks, %d warehouses, %d histories",
			len(s.Orders), len(s.SKUs), len(s.PickupPoints), len(s.Trucks), len(s.Warehouses), len(s.History))
	}
	skus := map[string]nightly.SKU{}
	for _, k := range s.SKUs {
		if k.WeightKg <= 0 || k.VolumeM3 <= 0 || k.ShelfLifeDays <= 0 || k.PriceCNY <= 0 {
			t.Errorf("sku %+v: non-positive attribute", k)
		}
		if k.Temperature != nightly.Ambient && k.Temperature != nightly.Chilled && k.Temperature != nightly.Frozen {
			t.Errorf("sku %s: temperature %q", k.ID, k.Temperature)
		}
		skus[k.ID] = k
	}
	points := map[string]bool{}
	for _, p := range s.PickupPoints {
		if msg := geo.CheckPoint(p.Location); msg != "" || geo.HaversineM(p.Location, shanghai) > 40_000 {
			t.Errorf("pickup point %s at %v: %s, %.0f m from the centre", p.ID, p.Location, msg, geo.HaversineM(p.Location, shanghai))
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
		if ord.PlacedS == nil || *ord.PlacedS > o.CutoffS || *ord.PlacedS <= o.CutoffS-20*3600 {
			t.Fatalf("order %s placed at %v, want within the 20 h before the cut-off %d", ord.ID, ord.PlacedS, o.CutoffS)
		}
		if ord.Activity != "G-"+ord.PickupPoint {
			t.Fatalf("order %s in activity %s, want its pickup point's", ord.ID, ord.Activity)
		}
	}
	if len(used) < 190 {
		t.Errorf("only %d of 200 pickup points have orders", len(used))
	}
	var capKg, capM3 float64
	for _, tr := range s.Trucks {
		if !tr.Refrigerated || !tr.RefrigerationBooked || tr.ShiftStartS != 5*3600 || tr.ShiftEndS != 12*3600 {
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
