package vrp_test

import (
	"context"
	"encoding/json"
	"errors"
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
