package vroom_test

import (
	"context"
	"math/rand/v2"
	"strconv"
	"testing"

	"fulfil/solver/vrp"
	"fulfil/vroom"
)

// permute calls f with every permutation of a (Heap's algorithm).
func permute(a []int, k int, f func([]int)) {
	if k <= 1 {
		f(a)
		return
	}
	for i := range k {
		permute(a, k-1, f)
		if k%2 == 0 {
			a[i], a[k-1] = a[k-1], a[i]
		} else {
			a[0], a[k-1] = a[k-1], a[0]
		}
	}
}

// randomDurations is an n×n asymmetric matrix of durations in [1, 1000],
// zero on the diagonal.
func randomDurations(rng *rand.Rand, n int) [][]int64 {
	dur := make([][]int64, n)
	for i := range dur {
		dur[i] = make([]int64, n)
		for j := range dur[i] {
			if i != j {
				dur[i][j] = 1 + rng.Int64N(1000)
			}
		}
	}
	return dur
}

// Small asymmetric instances with one vehicle from place 0 to place 7:
// the answer's cost equals the best of all 720 orders of the six jobs.
func TestBruteForce(t *testing.T) {
	for seed := range uint64(4) {
		rng := rand.New(rand.NewPCG(seed, 7))
		const n = 8
		dur := randomDurations(rng, n)
		in := &vroom.Input{
			Vehicles: []vroom.Vehicle{{ID: 1, StartIndex: new(0), EndIndex: new(n - 1)}},
			Matrices: map[string]vroom.Matrices{"car": {Durations: dur}},
		}
		for j := 1; j < n-1; j++ {
			in.Jobs = append(in.Jobs, vroom.Job{ID: uint64(100 + j), LocationIndex: new(j)})
		}
		best := int64(1) << 62
		permute([]int{1, 2, 3, 4, 5, 6}, 6, func(p []int) {
			c, at := int64(0), 0
			for _, j := range p {
				c += dur[at][j]
				at = j
			}
			best = min(best, c+dur[at][n-1])
		})
		out, err := vroom.Solve(context.Background(), in, fast)
		if err != nil {
			t.Fatal(err)
		}
		checkAnswer(t, in, out)
		if out.Summary.Cost != best || len(out.Unassigned) != 0 {
			t.Errorf("seed %d: cost %d with %d unassigned, want the optimum %d", seed, out.Summary.Cost, len(out.Unassigned), best)
		}
	}
}

// A vehicle with steps is evaluated as given while another is optimised
// over the jobs no steps name.
func TestPlanAndOptimise(t *testing.T) {
	in := decode(t, `{"vehicles":[
		{"id":1,"start_index":0,"end_index":0,"steps":[{"type":"start"},{"type":"job","id":3},{"type":"job","id":1},{"type":"end"}]},
		{"id":2,"start_index":0,"end_index":0}],
		"jobs":[{"id":1,"location_index":1},{"id":2,"location_index":2},{"id":3,"location_index":3}],
		"matrices":{"car":{"durations":[[0,10,20,30],[10,0,15,25],[20,15,0,12],[30,25,12,0]]}}}`)
	out := solve(t, in)
	if len(out.Routes) != 2 || len(out.Unassigned) != 0 {
		t.Fatalf("routes %d, unassigned %v; want 2 and none", len(out.Routes), out.Unassigned)
	}
	r1, r2 := out.Routes[0], out.Routes[1]
	if got := stepIDs(r1); len(got) != 2 || got[0] != 3 || got[1] != 1 || r1.Cost != 30+25+10 {
		t.Errorf("vehicle 1: jobs %v cost %d, want the given [3 1] at 65", got, r1.Cost)
	}
	if got := stepIDs(r2); len(got) != 1 || got[0] != 2 || r2.Cost != 40 {
		t.Errorf("vehicle 2: jobs %v cost %d, want [2] at 40", got, r2.Cost)
	}
}

// Tiny shipment cases with one vehicle from and back to place 0: three
// shipments (six tasks) on a random asymmetric matrix, capacity 2 with
// amounts of 1 or 2. Enumerating all 720 orders, keeping those with each
// pickup before its delivery and the load within capacity, gives the
// optimum; the answer must reach it, and vrp.Check, given a native vrp
// input of the same problem, must price the answer's route at it.
func TestBruteForceShipments(t *testing.T) {
	for seed := range uint64(4) {
		rng := rand.New(rand.NewPCG(seed, 11))
		const n = 7 // place 0 and six tasks
		dur := randomDurations(rng, n)
		in := &vroom.Input{
			Jobs:     []vroom.Job{},
			Vehicles: []vroom.Vehicle{{ID: 1, StartIndex: new(0), EndIndex: new(0), Capacity: []int64{2}}},
			Matrices: map[string]vroom.Matrices{"car": {Durations: dur}},
		}
		amount := make([]int64, n) // at a pickup place: its shipment's amount
		for s := range 3 {
			p, d := 1+2*s, 2+2*s
			amount[p] = 1 + rng.Int64N(2)
			in.Shipments = append(in.Shipments, vroom.Shipment{
				Amount: []int64{amount[p]},
				Pickup: vroom.ShipmentStep{ID: uint64(p), LocationIndex: new(p)},
				// Deliveries are numbered apart from pickups.
				Delivery: vroom.ShipmentStep{ID: uint64(d), LocationIndex: new(d)},
			})
		}
		best := int64(1) << 62
		permute([]int{1, 2, 3, 4, 5, 6}, 6, func(p []int) {
			var c, load int64
			at := 0
			seen := map[int]bool{}
			for _, x := range p {
				if x%2 == 0 && !seen[x-1] {
					return // delivery before its pickup
				}
				seen[x] = true
				if x%2 == 1 {
					load += amount[x]
				} else {
					load -= amount[x-1]
				}
				if load > 2 {
					return
				}
				c += dur[at][x]
				at = x
			}
			best = min(best, c+dur[at][0])
		})
		out, err := vroom.Solve(context.Background(), in, fast)
		if err != nil {
			t.Fatal(err)
		}
		checkAnswer(t, in, out)
		checkShipments(t, in, out)
		if out.Summary.Cost != best || len(out.Unassigned) != 0 {
			t.Errorf("seed %d: cost %d with %d unassigned, want the optimum %d", seed, out.Summary.Cost, len(out.Unassigned), best)
		}

		// The same problem natively, for vrp.Check to price the route.
		vin := &vrp.Input{
			Depots:   []vrp.Depot{{ID: "d", MatrixIndex: new(0)}},
			Vehicles: []vrp.Vehicle{{ID: "v", Count: 1, StartDepot: "d", EndDepot: "d", Capacity: vrp.Load{Units: 2}, CostPerM: 1}},
		}
		m := make([][]float64, n)
		for i := range m {
			m[i] = make([]float64, n)
			for j := range m[i] {
				m[i][j] = float64(dur[i][j])
			}
		}
		vin.Profiles = []vrp.Profile{{ID: "car", DistanceM: m, DurationS: m}}
		for x := 1; x < n; x++ {
			st := vrp.Stop{ID: strconv.Itoa(x), MatrixIndex: new(x), Demand: vrp.Load{Units: amount[x-1+x%2]}}
			if x%2 == 1 {
				st.DeliverTo = strconv.Itoa(x + 1)
			}
			vin.Stops = append(vin.Stops, st)
		}
		rt := vrp.Route{Vehicle: "v", StartDepot: "d", EndDepot: "d"}
		for _, st := range out.Routes[0].Steps {
			if st.Type == "pickup" || st.Type == "delivery" {
				rt.Visits = append(rt.Visits, vrp.Visit{Stop: strconv.FormatUint(*st.ID, 10)})
			}
		}
		rep, err := vrp.Check(vin, &vrp.Output{Routes: []vrp.Route{rt}, Unassigned: []vrp.Unassigned{}, Cost: float64(best)})
		if err != nil {
			t.Fatal(err)
		}
		if !rep.Feasible {
			t.Errorf("seed %d: vrp.Check on the answer's route: %v", seed, rep.Violations)
		}
		if rep.DistanceM != float64(best) {
			t.Errorf("seed %d: vrp.Check prices the route at %g, want the optimum %d", seed, rep.DistanceM, best)
		}
	}
}
