package datasets_test

import (
	"context"
	"math"
	"testing"

	"fulfil/datasets"
	"fulfil/solver/vrp"
)

// lc101 converted to a routing input: the SINTEF best-known routes pass
// vrp.Check at the published distance, and a short solve gives a plan that
// both vrp.Check and the benchmark's own LiLim.Check accept, at the same
// distance.
func TestLiLimVRPInput(t *testing.T) {
	inst, err := datasets.ReadLiLimFile("testdata/lc101.txt")
	if err != nil {
		t.Fatal(err)
	}
	in, err := inst.VRPInput()
	if err != nil {
		t.Fatal(err)
	}
	sol, err := datasets.ReadSINTEFFile("testdata/lc101.sintef.txt")
	if err != nil {
		t.Fatal(err)
	}
	out := &vrp.Output{Cost: 828.9369}
	for k, r := range sol.Routes {
		rt := vrp.Route{Vehicle: "vehicle", Index: k, StartDepot: datasets.DepotID, StartS: 0}
		for _, c := range r {
			rt.Visits = append(rt.Visits, vrp.Visit{Stop: in.Stops[c-1].ID})
		}
		out.Routes = append(out.Routes, rt)
	}
	rep, err := vrp.Check(in, out)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Feasible || rep.VehiclesUsed != 10 || math.Abs(rep.DistanceM-828.9369) > 5e-5 {
		t.Fatalf("best-known routes: got feasible %v, %d vehicles, %.4f (%v), want 10 and 828.9369", rep.Feasible, rep.VehiclesUsed, rep.DistanceM, rep.Violations)
	}

	o := vrp.DefaultOptions()
	o.Threads, o.Iterations, o.FleetObjective = 1, 300, "vehicles_first"
	got, err := vrp.Solve(context.Background(), in, o)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Feasible {
		t.Fatalf("got an infeasible plan: %v", got.Unassigned)
	}
	s, err := datasets.SINTEFFromOutput(inst.Name, got)
	if err != nil {
		t.Fatal(err)
	}
	v, d, err := inst.Check(s.Routes)
	if err != nil {
		t.Fatalf("Li & Lim check: %v", err)
	}
	if v != got.VehiclesUsed || math.Abs(d-got.DistanceM) > 1e-6 {
		t.Errorf("Li & Lim check: got %d vehicles, %.6f; the plan says %d, %.6f", v, d, got.VehiclesUsed, got.DistanceM)
	}
}
