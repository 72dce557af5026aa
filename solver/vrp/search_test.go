package vrp_test

import (
	"context"
	"testing"
	"time"

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
		{"P-n16-k8", "testdata/P-n16-k8.vrp", 450},
		{"A-n32-k5", "testdata/A-n32-k5.vrp", 784},
	} {
		t.Run(c.name, func(t *testing.T) {
			in := readCVRPLIB(t, c.file)
			o := vrp.DefaultOptions()
			o.Threads = 1
			o.Iterations = 3000
			o.TimeLimit = 20 * time.Second
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
