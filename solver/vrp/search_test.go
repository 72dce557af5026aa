package vrp_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fulfil/solver/vrp"
)

// solveChecked runs Solve and the independent Check and fails on any
// disagreement.
func solveChecked(t *testing.T, in *vrp.Input, opt vrp.Options) (*vrp.Output, *vrp.Report) {
	t.Helper()
	out, err := vrp.Solve(context.Background(), in, opt)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := vrp.Check(in, out)
	if err != nil {
		t.Fatal(err)
	}
	if out.Feasible != rep.Feasible {
		t.Fatalf("solver says feasible=%v, check says %v: %v", out.Feasible, rep.Feasible, rep.Violations)
	}
	return out, rep
}

// Small CVRPLIB instances solved to their published optimum.
func TestHGSPublishedOptimum(t *testing.T) {
	for _, c := range []struct {
		name string
		file string
		opt  float64 // CVRPLIB, proven optimal
	}{
		{"P-n16-k8", "../../datasets/samples/P-n16-k8.vrp", 450},
		{"A-n32-k5", "../../datasets/samples/A-n32-k5.vrp", 784},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := readCVRPLIB(t, c.file)
			o := vrp.DefaultOptions()
			o.Threads = 1
			o.Iterations = 3000
			o.TimeLimitS = 20
			out, _ := solveChecked(t, in, o)
			if !out.Feasible {
				t.Fatal("infeasible")
			}
			if out.Cost != c.opt {
				t.Errorf("got cost %g, want %g", out.Cost, c.opt)
			}
			t.Logf("cost %g in %.2fs, %d iterations", out.Cost, out.Stats.RuntimeS, out.Stats.Iterations)
		})
	}
}

// A fleet too small for every stop: the best partial plan comes back with
// the rest unassigned, each with a reason, and the validator agrees that the
// plan is feasible except for the unserved stops.
func TestPartialPlan(t *testing.T) {
	in := tiny()
	in.Vehicles[0].Count = 1
	in.Vehicles[0].Capacity = vrp.Load{WeightKg: 65, VolumeM3: 2}
	o := vrp.DefaultOptions()
	o.Iterations = 300
	out, rep := solveChecked(t, in, o)
	if out.Feasible {
		t.Fatal("got feasible, want a partial plan")
	}
	if len(out.Unassigned) != 1 || out.Unassigned[0].Reason == "" {
		t.Fatalf("got unassigned %+v, want one stop with a reason", out.Unassigned)
	}
	for _, v := range rep.Violations {
		if v.Field != "stops[0]" && v.Field != "stops[1]" && v.Field != "stops[2]" {
			t.Errorf("got violation %v, want only the unserved stop", v)
		}
	}
	if out.OverloadKg != 0 || out.LatenessS != 0 {
		t.Errorf("got overload %g, lateness %g, want 0", out.OverloadKg, out.LatenessS)
	}
}

// An optional stop far away with a small penalty is left out and its
// penalty paid; with a large penalty it is served.
func TestOptionalStops(t *testing.T) {
	for _, c := range []struct {
		name    string
		penalty float64
		served  bool
	}{{"cheap to skip", 5, false}, {"worth serving", 1000, true}} {
		t.Run(c.name, func(t *testing.T) {
			in := tiny()
			in.Stops = append(in.Stops, vrp.Stop{ID: "far", Location: [2]float64{200, 200}, Penalty: c.penalty})
			o := vrp.DefaultOptions()
			o.Iterations = 300
			out, rep := solveChecked(t, in, o)
			if !out.Feasible {
				t.Fatalf("infeasible: %v", rep.Violations)
			}
			if got := len(out.Unassigned) == 0; got != c.served {
				t.Errorf("got served=%v, want %v (unassigned %+v)", got, c.served, out.Unassigned)
			}
		})
	}
}

// Two depots, a refrigerated stop that only the reefer may carry, weight
// and volume limits: the plan is feasible, the validator agrees, and the
// chilled stop rides on the reefer.
func TestRichModel(t *testing.T) {
	in := &vrp.Input{
		Depots: []vrp.Depot{{ID: "west", Location: [2]float64{0, 0}}, {ID: "east", Location: [2]float64{100, 0}, Window: &vrp.TimeWindow{StartS: 0, EndS: 1000}}},
		Vehicles: []vrp.Vehicle{
			{ID: "van", StartDepot: "west", Count: 2, Capacity: vrp.Load{WeightKg: 100, VolumeM3: 1.25}, FixedCost: 10},
			{ID: "reefer", StartDepot: "east", Count: 1, Capacity: vrp.Load{WeightKg: 60, VolumeM3: 2}, Skills: []string{"refrigerated"}, Shift: &vrp.TimeWindow{StartS: 0, EndS: 800}},
		},
		Travel: vrp.Travel{Metric: "euclidean"},
	}
	for i := range 12 {
		s := vrp.Stop{ID: string(rune('a' + i)), Location: [2]float64{float64(8 * i), float64(10 + 5*(i%3))}, Demand: vrp.Load{WeightKg: 20, VolumeM3: 0.25}, ServiceS: 5}
		if i%4 == 0 {
			s.Skills = []string{"refrigerated"}
			s.TimeWindows = []vrp.TimeWindow{{StartS: 0, EndS: 300}}
		}
		in.Stops = append(in.Stops, s)
	}
	o := vrp.DefaultOptions()
	o.Iterations = 500
	o.Threads = 2
	out, rep := solveChecked(t, in, o)
	if !out.Feasible {
		t.Fatalf("infeasible: %v %+v", rep.Violations, out.Unassigned)
	}
	for _, r := range out.Routes {
		for _, v := range r.Visits {
			if (v.Stop == "a" || v.Stop == "e" || v.Stop == "i") && r.Vehicle != "reefer" {
				t.Errorf("chilled stop %s rides on %s", v.Stop, r.Vehicle)
			}
		}
	}
}

// Same input, seed and threads give the same plan when the run stops on
// its iteration budget.
func TestDeterminism(t *testing.T) {
	in := readCVRPLIB(t, "../../datasets/samples/A-n32-k5.vrp")
	o := vrp.DefaultOptions()
	o.Iterations = 400
	o.Threads = 2
	o.Seed = 42
	a, _ := solveChecked(t, in, o)
	b, _ := solveChecked(t, in, o)
	if a.Stats.Stop != "iterations" {
		t.Fatalf("got stop %q, want iterations", a.Stats.Stop)
	}
	if a.Cost != b.Cost || len(a.Routes) != len(b.Routes) {
		t.Fatalf("got costs %g and %g", a.Cost, b.Cost)
	}
	for r := range a.Routes {
		if len(a.Routes[r].Visits) != len(b.Routes[r].Visits) {
			t.Fatalf("route %d differs", r)
		}
		for k := range a.Routes[r].Visits {
			if a.Routes[r].Visits[k].Stop != b.Routes[r].Visits[k].Stop {
				t.Fatalf("route %d visit %d differs", r, k)
			}
		}
	}
}

// A time limit ends the run with stop reason time_limit and a feasible plan;
// a canceled context ends it as canceled.
func TestDeadline(t *testing.T) {
	in := readCVRPLIB(t, "../../datasets/samples/A-n32-k5.vrp")
	o := vrp.DefaultOptions()
	o.TimeLimitS = 0.3
	out, _ := solveChecked(t, in, o)
	if out.Stats.Stop != "time_limit" || !out.Feasible {
		t.Errorf("got stop %q feasible %v, want time_limit and feasible", out.Stats.Stop, out.Feasible)
	}
	if len(out.Trace) == 0 || !out.Trace[len(out.Trace)-1].HasFeasible {
		t.Errorf("got trace %+v, want points ending with a feasible best", out.Trace)
	}
	ctx, cancel := context.WithCancel(context.Background())
	o.TimeLimitS = 0
	o.Iterations = 0
	var seen int
	o.Progress = func(vrp.TracePoint) {
		seen++
		if seen == 2 {
			cancel()
		}
	}
	out, err := vrp.Solve(ctx, in, o)
	if err != nil {
		t.Fatal(err)
	}
	if out.Stats.Stop != "canceled" {
		t.Errorf("got stop %q, want canceled", out.Stats.Stop)
	}
}

// Stops with two windows each, an open-ended route and a stop limit: the
// plan keeps every window (checked on the exact schedule by Check).
func TestMultipleWindowsOpenEnd(t *testing.T) {
	in := &vrp.Input{
		Depots:   []vrp.Depot{{ID: "hub", Location: [2]float64{0, 0}}},
		Vehicles: []vrp.Vehicle{{ID: "courier", StartDepot: "hub", OpenEnd: true, Count: 3, MaxStops: 4, Capacity: vrp.Load{Units: 100}}},
		Travel:   vrp.Travel{Metric: "euclidean"},
	}
	for i := range 10 {
		a := float64(20 * i)
		in.Stops = append(in.Stops, vrp.Stop{
			ID: string(rune('a' + i)), Location: [2]float64{float64(5 * i), float64(3 * (i % 4))}, Demand: vrp.Load{Units: 1}, ServiceS: 2,
			TimeWindows: []vrp.TimeWindow{{StartS: a, EndS: a + 5}, {StartS: a + 60, EndS: a + 70}},
		})
	}
	o := vrp.DefaultOptions()
	o.Iterations = 500
	out, rep := solveChecked(t, in, o)
	if !out.Feasible {
		t.Fatalf("infeasible: %v %+v", rep.Violations, out.Unassigned)
	}
	for _, r := range out.Routes {
		if len(r.Visits) > 4 {
			t.Errorf("route of %d stops, max 4", len(r.Visits))
		}
		if r.EndDepot != "" {
			t.Errorf("open route ends at %q", r.EndDepot)
		}
	}
}

// Real coordinates: haversine distances at 30 km/h with a road factor,
// shifts, per-time costs; the validator recomputes everything in float64.
func TestHaversineShift(t *testing.T) {
	in := &vrp.Input{
		Depots: []vrp.Depot{{ID: "wh", Location: [2]float64{121.47, 31.23}}},
		Vehicles: []vrp.Vehicle{{ID: "truck", StartDepot: "wh", Count: 3, Capacity: vrp.Load{WeightKg: 500, VolumeM3: 4},
			CostPerM: 0.002, CostPerS: 0.01, FixedCost: 50, Shift: &vrp.TimeWindow{StartS: 6 * 3600, EndS: 14 * 3600}}},
		Travel: vrp.Travel{Metric: "haversine", SpeedKmh: 30, RoadFactor: 1.3},
	}
	for i := range 15 {
		in.Stops = append(in.Stops, vrp.Stop{
			ID:       string(rune('A' + i)),
			Location: [2]float64{121.40 + 0.01*float64(i%5), 31.18 + 0.02*float64(i/5)},
			Demand:   vrp.Load{WeightKg: 80, VolumeM3: 0.5}, ServiceS: 300,
			TimeWindows: []vrp.TimeWindow{{StartS: 7 * 3600, EndS: 11 * 3600}},
		})
	}
	o := vrp.DefaultOptions()
	o.Iterations = 500
	out, rep := solveChecked(t, in, o)
	if !out.Feasible {
		t.Fatalf("infeasible: %v %+v", rep.Violations, out.Unassigned)
	}
	if out.VehiclesUsed != 3 {
		t.Errorf("got %d trucks, want 3 (1200 kg over 500 kg trucks)", out.VehiclesUsed)
	}
}

// No stops: an empty, feasible plan.
func TestNoStops(t *testing.T) {
	in := tiny()
	in.Stops = nil
	out, _ := solveChecked(t, in, vrp.DefaultOptions())
	if !out.Feasible || len(out.Routes) != 0 || out.Cost != 0 {
		t.Errorf("got %+v, want an empty feasible plan", out)
	}
}

// A mixed fleet: the big truck must take the heavy cluster and the small
// van the light one, whatever Split first gives each.
func TestMixedFleet(t *testing.T) {
	in := &vrp.Input{
		Depots: []vrp.Depot{{ID: "d", Location: [2]float64{0, 0}}},
		Vehicles: []vrp.Vehicle{
			{ID: "van", StartDepot: "d", Count: 1, Capacity: vrp.Load{Units: 30}, FixedCost: 10, CostPerM: 1},
			{ID: "truck", StartDepot: "d", Count: 1, Capacity: vrp.Load{Units: 100}, FixedCost: 50, CostPerM: 2},
		},
		Travel: vrp.Travel{Metric: "euclidean"},
	}
	for i := range 6 {
		in.Stops = append(in.Stops, vrp.Stop{ID: fmt.Sprint("heavy", i), Location: [2]float64{10 + float64(i), 10}, Demand: vrp.Load{Units: 15}})
		in.Stops = append(in.Stops, vrp.Stop{ID: fmt.Sprint("light", i), Location: [2]float64{-10 - float64(i), -10}, Demand: vrp.Load{Units: 5}})
	}
	o := vrp.DefaultOptions()
	o.Iterations = 300
	out, rep := solveChecked(t, in, o)
	if !out.Feasible {
		t.Fatalf("infeasible: %v", rep.Violations)
	}
	for _, r := range out.Routes {
		for _, v := range r.Visits {
			if heavy := strings.HasPrefix(v.Stop, "heavy"); heavy != (r.Vehicle == "truck") {
				t.Errorf("stop %s rides on %s", v.Stop, r.Vehicle)
			}
		}
	}
}
