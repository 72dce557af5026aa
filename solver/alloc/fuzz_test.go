package alloc

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"fulfil/solver"
)

// FuzzAllocate feeds JSON inputs to Allocate: it must never panic, and
// either reject the input with an InputError or return an output that
// passes Check.
func FuzzAllocate(f *testing.F) {
	f.Add([]byte(`{"warehouses":[{"id":"W1"},{"id":"W2"}],"pickup_points":[{"id":"P1","home":"W2"},{"id":"P2","unmet_penalty":30}],` +
		`"skus":[{"id":"s"}],"stock":[{"warehouse":"W1","sku":"s","units":5,"safety_units":2},{"warehouse":"W2","sku":"s","units":4}],` +
		`"demand":[{"pickup_point":"P1","sku":"s","units":6},{"pickup_point":"P2","sku":"s","units":4}],"cost_per_unit":[[1,2],[3,1]]}`))
	f.Add([]byte(`{"warehouses":[{"id":"A","location":[116.4,39.9]}],"pickup_points":[{"id":"P","location":[116.5,39.9]}],` +
		`"skus":[{"id":"s"}],"stock":[{"warehouse":"A","sku":"s","units":3}],"demand":[{"pickup_point":"P","sku":"s","units":9}],"cost_per_unit_km":2}`))
	f.Add([]byte(`{"warehouses":[{"id":"W"}],"pickup_points":[{"id":"P"}],"skus":[{"id":"s"}],"stock":[{"warehouse":"W","sku":"s","units":-1}],"cost_per_unit":[[1,2]]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return
		}
		var in Input
		if json.Unmarshal(data, &in) != nil {
			return
		}
		if len(in.Warehouses)*len(in.PickupPoints) > 400 || len(in.Stock)+len(in.Demand) > 400 {
			return
		}
		opt := DefaultOptions()
		opt.Threads = 1
		out, err := Allocate(context.Background(), &in, opt)
		if err != nil {
			if _, ok := errors.AsType[*solver.InputError](err); !ok {
				t.Fatalf("not an input error: %v", err)
			}
			return
		}
		if err := verdict(Check(&in, opt, out)); err != nil {
			t.Fatal(err)
		}
	})
}

// FuzzSolveGAP: SolveGAP never panics; it rejects bad shapes with an
// InputError, reports ErrNoAssignment, or returns an assignment that
// passes CheckGAP.
func FuzzSolveGAP(f *testing.F) {
	f.Add([]byte(`{"cost":[[4,2,7,3],[3,6,2,5]],"weight":[[3,2,4,3],[2,3,3,2]],"capacity":[5,5]}`))
	f.Add([]byte(`{"cost":[[1]],"weight":[[9]],"capacity":[3]}`))
	f.Add([]byte(`{"cost":[[1,2]],"weight":[[1]],"capacity":[3]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 2048 {
			return
		}
		var in GAPInput
		if json.Unmarshal(data, &in) != nil {
			return
		}
		opt := GAPOptions{Iterations: 50, ExactNodes: 1000, Threads: 1}
		out, err := SolveGAP(context.Background(), &in, opt)
		if err != nil {
			if _, ok := errors.AsType[*solver.InputError](err); !ok && !errors.Is(err, ErrNoAssignment) {
				t.Fatalf("unexpected error: %v", err)
			}
			return
		}
		if err := verdict(CheckGAP(&in, out)); err != nil {
			t.Fatal(err)
		}
	})
}
