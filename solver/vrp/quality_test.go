package vrp_test

import (
	"os"
	"path/filepath"
	"testing"

	"fulfil/datasets"
	"fulfil/solver/vrp"
)

const datasets_ = "../../../shared/datasets"

// bks reads a set's bks.csv into instance → best-known value.
func bks(t testing.TB, set string) map[string]float64 {
	path := filepath.Join(datasets_, set, "bks.csv")
	if _, err := os.Stat(path); err != nil {
		t.Skipf("datasets absent: %v", err)
	}
	rows, err := datasets.ReadBKS(path)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]float64, len(rows))
	for name, b := range rows {
		out[name] = b.Value
	}
	return out
}

// Real benchmark instances under a fixed iteration budget (deterministic,
// not timed): C101 and RC101 (Solomon, distance objective with one-decimal
// truncation) and X-n101-k25 come within 1 % of their best-known values,
// and every plan passes Check.
func TestSharedInstances(t *testing.T) {
	if testing.Short() {
		t.Skip("short mode")
	}
	sol := bks(t, "solomon")
	for _, name := range []string{"C101", "RC101"} {
		t.Run(name, func(t *testing.T) {
			s, err := datasets.ReadSolomonFile(filepath.Join(datasets_, "solomon", name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			in, err := s.VRPInput()
			if err != nil {
				t.Fatal(err)
			}
			o := vrp.DefaultOptions()
			o.Iterations = 600
			out, _ := solveChecked(t, in, o)
			if gap := 100 * (out.Cost - sol[name]) / sol[name]; !out.Feasible || gap > 1 {
				t.Errorf("got cost %g (gap %.2f%%, feasible %v), want within 1%% of %g", out.Cost, gap, out.Feasible, sol[name])
			}
		})
	}
	t.Run("X-n101-k25", func(t *testing.T) {
		x := bks(t, "cvrplib/X")
		in := readCVRPLIB(t, filepath.Join(datasets_, "cvrplib/X", "X-n101-k25.vrp"))
		o := vrp.DefaultOptions()
		o.Iterations = 1500
		out, _ := solveChecked(t, in, o)
		if gap := 100 * (out.Cost - x["X-n101-k25"]) / x["X-n101-k25"]; !out.Feasible || gap > 1 {
			t.Errorf("got cost %g (gap %.2f%%), want within 1%% of %g", out.Cost, gap, x["X-n101-k25"])
		}
	})
}
