package nightly

import (
	"context"
	"errors"
	"testing"

	"fulfil/datasets"
	"fulfil/solver"
)

// smallScenario is a night small enough for a unit test: 3,000 orders at
// 40 pickup points from 2 warehouses on 4 trucks.
func smallScenario(t *testing.T) *datasets.Scenario {
	t.Helper()
	o := datasets.DefaultScenario()
	o.Orders, o.PickupPoints, o.Trucks, o.HistoryDays = 3000, 40, 4, 56
	s, err := datasets.Generate(o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func testOptions() Options {
	opt := DefaultOptions()
	opt.Routing.TimeLimitS = 0
	opt.Routing.Iterations = 300
	opt.Routing.Threads = 1
	opt.Waves.Threads = 1
	opt.Stock.Threads = 1
	return opt
}

// TestRunConservesUnits follows every ordered unit through the night: it
// is shipped by exactly one delivery or reported short, every delivery
// rides a truck of its own warehouse, and the waves pick exactly what the
// trucks carry. Each stage's own validator already ran inside Run.
func TestRunConservesUnits(t *testing.T) {
	s := smallScenario(t)
	p, err := Run(context.Background(), s, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	ordered := map[[2]string]int64{} // pickup point, SKU
	for _, o := range s.Orders {
		for _, l := range o.Lines {
			ordered[[2]string{o.PickupPoint, l.SKU}] += l.Quantity
		}
	}
	got := map[[2]string]int64{}
	for _, d := range p.Deliveries {
		for _, l := range d.Lines {
			got[[2]string{d.PickupPoint, l.SKU}] += l.Quantity
		}
	}
	for _, u := range p.Allocation.Unmet {
		got[[2]string{u.PickupPoint, u.SKU}] += u.Units
	}
	for k, want := range ordered {
		if got[k] != want {
			t.Errorf("%v: shipped + short = %d, ordered %d", k, got[k], want)
		}
	}
	if !p.Routing.Feasible || len(p.Routing.Unassigned) != 0 {
		t.Fatalf("routing: feasible=%v, %d unassigned", p.Routing.Feasible, len(p.Routing.Unassigned))
	}
	truckHome := map[string]string{}
	for _, tr := range s.Trucks {
		truckHome[tr.ID] = tr.Warehouse
	}
	in, err := s.DeliveryInput(p.Deliveries)
	if err != nil {
		t.Fatal(err)
	}
	delivery := make(map[string]int, len(in.Stops)) // stop id → Deliveries index
	for i, st := range in.Stops {
		delivery[st.ID] = i
	}
	var carried int64
	for _, r := range p.Routing.Routes {
		for _, v := range r.Visits {
			if d := p.Deliveries[delivery[v.Stop]]; d.Warehouse != truckHome[r.Vehicle] {
				t.Errorf("truck %s of %s carries %s from %s", r.Vehicle, truckHome[r.Vehicle], v.Stop, d.Warehouse)
			}
		}
	}
	for _, d := range p.Deliveries {
		for _, l := range d.Lines {
			carried += l.Quantity
		}
	}
	var picked int64
	for _, ww := range p.Waves {
		if len(ww.Unrouted) != 0 {
			t.Errorf("%s: unrouted %v", ww.Warehouse, ww.Unrouted)
		}
		for _, wv := range ww.Plan.Waves {
			for _, b := range wv.Batches {
				for _, pk := range b.Picks {
					picked += int64(pk.Quantity)
				}
			}
		}
	}
	if picked != carried {
		t.Errorf("waves pick %d units, trucks carry %d", picked, carried)
	}
	if len(p.Replenishment) != len(s.Warehouses)*len(s.SKUs) {
		t.Errorf("replenishment: got %d rows, want %d", len(p.Replenishment), len(s.Warehouses)*len(s.SKUs))
	}
	capped := 0
	for _, r := range p.Replenishment {
		if r.ShelfLifeCapped {
			capped++
		}
	}
	if capped == 0 {
		t.Error("no row capped by shelf life: the scenario no longer exercises the cap")
	}
	// Fresh SKUs never plan to hold more than sells within their shelf
	// life after the lead time.
	life := map[string]float64{}
	for _, k := range s.SKUs {
		life[k.ID] = float64(k.ShelfLifeDays)
	}
	lead := testOptions().LeadTimeDays
	for _, r := range p.Replenishment {
		if limit := r.DemandMean * (lead + life[r.SKU]); r.OrderUpTo > limit+1e-9 {
			t.Errorf("%s at %s: order-up-to %.1f above %.1f, what sells in %g days of shelf life after the lead time",
				r.SKU, r.Warehouse, r.OrderUpTo, limit, life[r.SKU])
		}
	}
}

func TestRunIsDeterministic(t *testing.T) {
	s := smallScenario(t)
	a, err := Run(context.Background(), s, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	b, err := Run(context.Background(), s, testOptions())
	if err != nil {
		t.Fatal(err)
	}
	if a.Routing.Cost != b.Routing.Cost || a.Allocation.Cost != b.Allocation.Cost || a.Waves[0].Plan.DistanceM != b.Waves[0].Plan.DistanceM {
		t.Errorf("two runs differ: routing %v vs %v, allocation %d vs %d", a.Routing.Cost, b.Routing.Cost, a.Allocation.Cost, b.Allocation.Cost)
	}
}

func TestRunHonoursCancellation(t *testing.T) {
	s := smallScenario(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	opt := testOptions()
	opt.Routing.Iterations = 0
	opt.Routing.TimeLimitS = 3600
	p, err := Run(ctx, s, opt)
	// A cancelled night fails with the context's error or returns what it
	// has, marked cancelled; it never runs the hour out.
	if err == nil && p.Stats.Stop != solver.StopCanceled {
		t.Fatalf("got stop %q and no error, want a cancelled run", p.Stats.Stop)
	}
	if err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}
