package vrp_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"fulfil/geo"
	"fulfil/solver"
	"fulfil/solver/vrp"
)

// richSmall is a random problem of n stops using every feature the model
// has: two depots, three vehicle types with counts, fixed and time costs,
// shifts, route limits, skills, several time windows, optional stops.
func richSmall(rng *rand.Rand, n int) *vrp.Input {
	in := &vrp.Input{
		Depots: []vrp.Depot{
			{ID: "D", Location: geo.Point{50, 50}, Window: &vrp.TimeWindow{StartS: 0, EndS: 900}},
			{ID: "E", Location: geo.Point{10, 90}},
		},
		Vehicles: []vrp.Vehicle{
			{ID: "van", Count: 1 + rng.IntN(2), StartDepot: "D", Capacity: vrp.Load{Units: 12}, FixedCost: 20, CostPerM: 1, CostPerS: 0.2},
			{ID: "reefer", Count: 1, StartDepot: "E", EndDepot: "D", Capacity: vrp.Load{Units: 8}, CostPerM: 1.5, Skills: []string{"cold"},
				Shift: &vrp.TimeWindow{StartS: 50, EndS: 800}, MaxStops: 3},
			{ID: "bike", Count: 2, StartDepot: "D", OpenEnd: true, Capacity: vrp.Load{Units: 4}, CostPerM: 0.5, MaxDistanceM: 150},
		},
		Travel: vrp.Travel{Metric: "euclidean"},
	}
	for i := range n {
		s := vrp.Stop{ID: fmt.Sprint("s", i), Location: geo.Point{rng.Float64() * 100, rng.Float64() * 100},
			Demand: vrp.Load{Units: 1 + rng.Int64N(4)}, ServiceS: float64(rng.IntN(20))}
		switch rng.IntN(5) {
		case 0:
			s.Skills = []string{"cold"}
		case 1:
			a := rng.Float64() * 300
			s.TimeWindows = []vrp.TimeWindow{{StartS: a, EndS: a + 60}, {StartS: a + 200, EndS: a + 300}}
		case 2:
			a := rng.Float64() * 300
			s.TimeWindows = []vrp.TimeWindow{{StartS: a, EndS: a + 150}}
		}
		if rng.IntN(3) == 0 {
			s.Penalty = 50 + rng.Float64()*200
		}
		in.Stops = append(in.Stops, s)
	}
	return in
}

// The exact solver answers small problems of every kind with a plan Check
// accepts, and no run of the genetic search (forced by a ninth, far
// optional stop that nobody serves) finds a cheaper one.
func TestExactSmall(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 2))
	for k := range 12 {
		in := richSmall(rng, 3+k%6)
		t.Run(fmt.Sprintf("rich/%d-stops/%d", len(in.Stops), k), func(t *testing.T) {
			o := vrp.DefaultOptions()
			o.Threads = 1
			out, rep := solveChecked(t, in, o)
			if out.Search.Method != "exact" || out.Stats.Stop != solver.StopConverged {
				t.Fatalf("got method %q stop %q, want exact and converged", out.Search.Method, out.Stats.Stop)
			}
			if math.Abs(rep.Cost-out.Cost) > 1e-6*math.Max(1, out.Cost) {
				t.Fatalf("got cost %g, check recomputes %g", out.Cost, rep.Cost)
			}
			// The same problem with padding stops beyond the exact size
			// goes to HGS; padding is optional and unreachable in time.
			big := *in
			big.Stops = append([]vrp.Stop(nil), in.Stops...)
			for p := len(in.Stops); p < 9; p++ {
				big.Stops = append(big.Stops, vrp.Stop{ID: fmt.Sprint("pad", p), Location: geo.Point{1e4, 1e4}, Penalty: 1,
					TimeWindows: []vrp.TimeWindow{{StartS: 0, EndS: 1}}})
			}
			o.Iterations = 1500
			o.UseFullLimit = true
			hout, _ := solveChecked(t, &big, o)
			if hout.Search.Method != "hgs" {
				t.Fatalf("got method %q with 9 stops, want hgs", hout.Search.Method)
			}
			pad := float64(9 - len(in.Stops))
			if out.Feasible && hout.Feasible && hout.Cost-pad < out.Cost-1e-6*math.Max(1, out.Cost) {
				t.Errorf("HGS found %g, below the exact optimum %g", hout.Cost-pad, out.Cost)
			}
			if out.Feasible != hout.Feasible {
				t.Errorf("exact feasible %v, HGS %v", out.Feasible, hout.Feasible)
			}
		})
	}
}

// A one-stop request with default options is solved exactly, at once;
// with UseFullLimit the genetic search spends its budget on it instead.
func TestOneStop(t *testing.T) {
	in := tiny()
	in.Stops = in.Stops[:1]
	out, _ := solveChecked(t, in, vrp.DefaultOptions())
	if !out.Feasible || out.Search.Method != "exact" || out.Stats.Stop != solver.StopConverged || out.Cost != 20 {
		t.Errorf("got feasible %v method %q stop %q cost %g, want true exact converged 20", out.Feasible, out.Search.Method, out.Stats.Stop, out.Cost)
	}
	o := vrp.DefaultOptions()
	o.Iterations, o.UseFullLimit = 100, true
	out, _ = solveChecked(t, in, o)
	if out.Search.Method != "hgs" || out.Stats.Stop != solver.StopIterations || out.Cost != 20 {
		t.Errorf("with use_full_limit got method %q stop %q cost %g, want hgs iterations 20", out.Search.Method, out.Stats.Stop, out.Cost)
	}
}

// A problem beyond the exact size with default options ends converged, long
// before the default budget, and with UseFullLimit by its iterations.
func TestConverged(t *testing.T) {
	in := richSmall(rand.New(rand.NewPCG(3, 3)), 8)
	in.Stops = append(in.Stops, vrp.Stop{ID: "x", Location: geo.Point{40, 40}, Demand: vrp.Load{Units: 1}})
	out, _ := solveChecked(t, in, vrp.DefaultOptions())
	if out.Stats.Stop != solver.StopConverged || out.Stats.Iterations >= 20000 {
		t.Errorf("got stop %q after %d iterations, want converged before 20000", out.Stats.Stop, out.Stats.Iterations)
	}
	o := vrp.DefaultOptions()
	o.Iterations, o.UseFullLimit = 6000, true
	out, _ = solveChecked(t, in, o)
	if out.Stats.Stop != solver.StopIterations || out.Stats.Iterations != 6000 {
		t.Errorf("with use_full_limit got stop %q after %d iterations, want iterations after 6000", out.Stats.Stop, out.Stats.Iterations)
	}
}

// BenchmarkSolveOneStop is the latency of the smallest request with default
// options (the issue: under 50 ms).
func BenchmarkSolveOneStop(b *testing.B) {
	in := tiny()
	in.Stops = in.Stops[:1]
	b.ReportAllocs()
	for b.Loop() {
		if _, err := vrp.Solve(context.Background(), in, vrp.DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSolveExact8 is the latency of an 8-stop request of every
// feature, solved by enumeration.
func BenchmarkSolveExact8(b *testing.B) {
	in := richSmall(rand.New(rand.NewPCG(5, 5)), 8)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := vrp.Solve(context.Background(), in, vrp.DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
}
