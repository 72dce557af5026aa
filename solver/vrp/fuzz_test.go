package vrp_test

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"testing"

	"fulfil/solver"
	"fulfil/solver/vrp"
)

// FuzzSolve decodes arbitrary JSON as an Input and solves it briefly: it
// must never panic, and must return either an InputError or a plan whose
// feasibility the independent Check confirms.
func FuzzSolve(f *testing.F) {
	seed, _ := json.Marshal(tiny())
	f.Add(seed)
	hand, _ := json.Marshal(handInput())
	f.Add(hand)
	f.Add([]byte(`{"depots":[{"id":"d","location":[0,0]}],"vehicles":[{"id":"v","start_depot":"d","capacity":{"units":3}}],"stops":[{"id":"a","location":[1,1],"demand":{"units":2},"time_windows":[{"start_s":0,"end_s":1}]}],"travel":{"metric":"euclidean"}}`))
	f.Add([]byte(`{"depots":[{"id":"d","location":[0,0]}],"vehicles":[{"id":"v","count":2,"start_depot":"d","capacity":{"units":3}}],"stops":[{"id":"a","location":[1,1],"demand":{"units":2}},{"id":"b","location":[2,1],"demand":{"units":2}},{"id":"c","location":[0,2],"demand":{"units":1}}],"travel":{"metric":"euclidean"},"initial_routes":[{"vehicle":"v","stops":["b","a"]},{"vehicle":"v","index":1,"stops":["c"]}]}`))
	f.Add([]byte(`{"depots":[{"id":"d","location":[0,0]}],"vehicles":[{"id":"u","count":1,"start_location":[3,3],"end_depot":"d","free_from_s":5,"capacity":{"units":5},"on_board":["b"],"fixed_sequence":["a"]},{"id":"v","count":1,"start_depot":"d","capacity":{"units":5}}],"stops":[{"id":"a","location":[1,1],"demand":{"units":2},"remaining_service_s":4},{"id":"b","location":[2,1],"demand":{"units":2}},{"id":"c","location":[0,2],"demand":{"units":1},"vehicle":"v"}],"travel":{"metric":"euclidean"}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return
		}
		var in vrp.Input
		if json.Unmarshal(data, &in) != nil || len(in.Stops) > 30 {
			return
		}
		o := vrp.DefaultOptions()
		o.Iterations = 30
		o.Threads = 1
		out, err := vrp.Solve(context.Background(), &in, o)
		if err != nil {
			if _, ok := errors.AsType[*solver.InputError](err); !ok {
				t.Fatalf("got error %v, want an InputError or a plan", err)
			}
			return
		}
		rep, err := vrp.Check(&in, out)
		if err != nil {
			t.Fatal(err)
		}
		if out.Feasible != rep.Feasible {
			t.Fatalf("solver says feasible=%v, check %v: %v", out.Feasible, rep.Feasible, rep.Violations)
		}
	})
}

// FuzzSolveScales solves inputs of the shape that once made the local
// search cycle (identical vehicles, optional stops, stops tied to one
// truck) with fixed costs, per-metre and per-second costs and penalties
// drawn from 1e-3 to 1e9: an iteration budget must end every run, and
// Check must agree with the plan's feasibility.
func FuzzSolveScales(f *testing.F) {
	f.Add(uint64(0), 6.0, 0.0, -3.0, 9.0)
	f.Add(uint64(1), 9.0, 9.0, 9.0, 9.0)
	f.Add(uint64(2), -3.0, -3.0, -3.0, -3.0)
	f.Add(uint64(3), 0.0, 3.0, 0.0, 6.0)
	f.Fuzz(func(t *testing.T, seed uint64, fixed, perM, perS, pen float64) {
		exp := func(x float64) float64 {
			if math.IsNaN(x) {
				x = 0
			}
			return math.Pow(10, min(max(x, -3), 9))
		}
		in := stallShaped(seed)
		for k := range in.Vehicles {
			v := &in.Vehicles[k]
			v.FixedCost, v.CostPerM, v.CostPerS = exp(fixed), exp(perM), exp(perS)
		}
		for k := range in.Stops {
			if in.Stops[k].Penalty > 0 {
				in.Stops[k].Penalty = exp(pen) * float64(1+k%3)
			}
		}
		o := vrp.DefaultOptions()
		o.Iterations, o.Threads, o.UseFullLimit = 20, 1, true
		o.TimeLimitS = 20 // a safety net: hitting it means a cycle
		out, err := vrp.Solve(context.Background(), in, o)
		if errors.Is(err, vrp.ErrInfeasible) {
			return // a stop tied to a truck that cannot reach it in time
		}
		if err != nil {
			t.Fatal(err)
		}
		if out.Stats.Stop != solver.StopIterations {
			t.Fatalf("got stop %q after %d iterations, want %q", out.Stats.Stop, out.Stats.Iterations, solver.StopIterations)
		}
		rep, err := vrp.Check(in, out)
		if err != nil {
			t.Fatal(err)
		}
		if out.Feasible != rep.Feasible {
			t.Fatalf("solver says feasible=%v, check %v: %v", out.Feasible, rep.Feasible, rep.Violations)
		}
	})
}
