package vrp_test

import (
	"context"
	"testing"

	"fulfil/solver/vrp"
)

// The savings baseline on A-n32-k5 (optimum 784, CVRPLIB) must give a
// feasible plan the validator accepts, within 10 % of the optimum.
func TestSavingsBaseline(t *testing.T) {
	in := readCVRPLIB(t, "../../datasets/samples/A-n32-k5.vrp")
	opt := vrp.DefaultOptions()
	opt.Method = "savings"
	out, err := vrp.Solve(context.Background(), in, opt)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := vrp.Check(in, out)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Feasible || !out.Feasible {
		t.Fatalf("infeasible: %v", rep.Violations)
	}
	if out.Cost > 784*1.10 || out.Cost < 784 {
		t.Errorf("got cost %g, want within 10%% above 784", out.Cost)
	}
	t.Logf("savings cost %g (optimum 784), %d vehicles", out.Cost, out.VehiclesUsed)
}
