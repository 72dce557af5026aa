package vroom_test

import (
	"context"
	"math/rand/v2"
	"testing"

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

// Small asymmetric instances with one vehicle from place 0 to place 7:
// the answer's cost equals the best of all 720 orders of the six jobs.
func TestBruteForce(t *testing.T) {
	for seed := range uint64(4) {
		rng := rand.New(rand.NewPCG(seed, 7))
		const n = 8
		dur := make([][]int64, n)
		for i := range dur {
			dur[i] = make([]int64, n)
			for j := range dur[i] {
				if i != j {
					dur[i][j] = 1 + rng.Int64N(1000)
				}
			}
		}
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
