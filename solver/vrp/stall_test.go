package vrp_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"testing"

	"fulfil/geo"
	"fulfil/solver"
	"fulfil/solver/vrp"
)

// readRequest reads the input of a server request body ({"input": ...,
// "options": ...}) from testdata; the options are the test's own.
func readRequest(t *testing.T, path string) *vrp.Input {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var body struct {
		Input vrp.Input `json:"input"`
	}
	if err := json.Unmarshal(b, &body); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return &body.Input
}

// stallShaped is an input of the shape that made the local search cycle:
// two or more identical vehicles from one depot, a fixed cost of 1e6 and
// more per vehicle, and optional stops whose penalties are near 1e9, so
// that penalised route costs are about 1e10 and float rounding in a move's
// delta is larger than an absolute threshold of 1e-6.
func stallShaped(seed uint64) *vrp.Input {
	rng := rand.New(rand.NewPCG(seed, 12))
	in := &vrp.Input{
		Depots: []vrp.Depot{{ID: "W", Location: geo.Point{121.43, 31.2}, Window: &vrp.TimeWindow{StartS: 14400, EndS: 46800}}},
		Travel: vrp.Travel{SpeedKmh: 30, RoadFactor: 1.3},
	}
	fixed := 1e6 * float64(1+rng.IntN(100))
	in.Vehicles = []vrp.Vehicle{{
		ID: "T", Count: 2 + rng.IntN(2), StartDepot: "W",
		Capacity:  vrp.Load{WeightKg: 3000, VolumeM3: 12},
		FixedCost: fixed, CostPerM: 1, CostPerS: rng.Float64(),
		Shift: &vrp.TimeWindow{StartS: 27000, EndS: 43200},
	}}
	// Two trucks already out, each with goods on board that only it can
	// deliver (a skill per truck, as callers lock stops today).
	for k := range 2 {
		id := fmt.Sprintf("U%d", k)
		in.Depots = append(in.Depots, vrp.Depot{ID: id + "@now", Location: geo.Point{121.3 + 0.3*rng.Float64(), 31.05 + 0.3*rng.Float64()}})
		in.Vehicles = append(in.Vehicles, vrp.Vehicle{
			ID: id, Count: 1, StartDepot: id + "@now", EndDepot: "W",
			Capacity: vrp.Load{WeightKg: 3000, VolumeM3: 12}, FixedCost: fixed, CostPerM: 1,
			Shift: &vrp.TimeWindow{StartS: 27000, EndS: 43200}, Skills: []string{"onboard:" + id},
		})
	}
	in.Vehicles[0].Skills = []string{"from:W"}
	for i := range 30 + rng.IntN(20) {
		st := vrp.Stop{
			ID:       fmt.Sprintf("s%d", i),
			Location: geo.Point{121.3 + 0.3*rng.Float64(), 31.05 + 0.3*rng.Float64()},
			Demand:   vrp.Load{WeightKg: 50 + 150*rng.Float64(), VolumeM3: 0.2 + 0.4*rng.Float64()},
			ServiceS: 300,
		}
		switch rng.IntN(4) {
		case 0:
			st.Skills = []string{fmt.Sprintf("onboard:U%d", rng.IntN(2))}
		case 1:
			st.Skills = []string{"from:W"}
		default:
			st.Penalty = 1e9 * (0.5 + rng.Float64())
		}
		if rng.IntN(2) == 0 {
			a := 27000 + 3600*rng.Float64()
			st.TimeWindows = []vrp.TimeWindow{{StartS: a, EndS: a + 3600 + 7200*rng.Float64()}}
		}
		in.Stops = append(in.Stops, st)
	}
	return in
}

// TestNoStallAtLargeCosts: an iteration budget ends the run by iterations
// on the re-route request that cycled (2-opt* swapping the tails of two
// identical trucks, each swap scored as a gain of float noise) and on
// generated inputs of its shape. The time limit is only a safety net: a run
// that hits it has cycled.
func TestNoStallAtLargeCosts(t *testing.T) {
	type tc struct {
		name string
		in   *vrp.Input
		seed uint64
	}
	repro := readRequest(t, "testdata/stall-two-identical-trucks.json")
	cases := []tc{{"repro seed 1", repro, 1}, {"repro seed 3", repro, 3}}
	for k := range uint64(3) {
		cases = append(cases, tc{fmt.Sprintf("shaped %d", k), stallShaped(k), 1 + k})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := vrp.DefaultOptions()
			o.Iterations, o.Seed, o.Threads = 50, c.seed, 1
			o.TimeLimitS = 20
			out, _ := solveChecked(t, c.in, o)
			if out.Stats.Stop != solver.StopIterations || out.Stats.Iterations != 50 {
				t.Errorf("got stop %q after %d iterations, want %q after 50", out.Stats.Stop, out.Stats.Iterations, solver.StopIterations)
			}
		})
	}
}
