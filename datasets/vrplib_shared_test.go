package datasets_test

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"fulfil/datasets"
	"fulfil/geo"
)

// TestCVRPLIBSets reads every CVRPLIB instance shipped in the shared
// collection, recomputes the cost of its .sol under the set's convention
// (nint for A, B, P, X; exact for CMT, Golden), requires it to equal the
// Cost line at the line's precision, checks capacity and DISTANCE
// feasibility, and matches each instance against the set's bks.csv.
func TestCVRPLIBSets(t *testing.T) {
	sets := []struct {
		name  string
		files int
		round geo.Rounding
	}{
		{"X", 100, geo.Nint},
		{"A", 27, geo.Nint},
		{"B", 23, geo.Nint},
		{"P", 24, geo.Nint},
		{"CMT", 14, geo.Exact},
		{"Golden", 20, geo.Exact},
	}
	for _, set := range sets {
		t.Run(set.name, func(t *testing.T) {
			dir := shared(t, "cvrplib", set.name)
			bks, err := datasets.ReadBKS(filepath.Join(dir, "bks.csv"))
			if err != nil {
				t.Fatal(err)
			}
			if len(bks) != set.files {
				t.Errorf("bks.csv: got %d rows, want %d", len(bks), set.files)
			}
			for _, path := range glob(t, dir, "*.vrp", set.files) {
				stem := strings.TrimSuffix(filepath.Base(path), ".vrp")
				v, err := datasets.ReadVRPLIBFile(path)
				if err != nil {
					t.Error(err)
					continue
				}
				if got := datasets.RoundingFor(v.Name); got != set.round {
					t.Errorf("%s: RoundingFor(%q) = %v, want %v", stem, v.Name, got, set.round)
				}
				if v.Name != stem || v.Nodes[0] != 1 || v.Demands[0] != 0 || len(v.Coords) != v.Dimension {
					t.Errorf("%s: name %q, depot node %d, depot demand %d, %d coords for %d nodes",
						stem, v.Name, v.Nodes[0], v.Demands[0], len(v.Coords), v.Dimension)
				}
				b, ok := bks[stem]
				if !ok {
					t.Errorf("%s: not in bks.csv", stem)
				} else if b.N != v.Customers() || b.CapacityOrK != float64(v.Capacity) {
					t.Errorf("%s: bks.csv n=%d capacity=%g, instance has %d customers, capacity %d",
						stem, b.N, b.CapacityOrK, v.Customers(), v.Capacity)
				}
				sol, err := datasets.ReadSolutionFile(strings.TrimSuffix(path, ".vrp") + ".sol")
				if err != nil {
					t.Error(err)
					continue
				}
				cost, err := v.Check(sol, set.round)
				if err != nil {
					t.Errorf("%s.sol: %v", stem, err)
					continue
				}
				// Integer sets must match exactly. The exact sets' Cost lines
				// were computed in single precision by some authors
				// (Golden_16: 1611.2769688 for 1611.2770530), so they match to
				// a relative 1e-6 or to the line's last decimal.
				got := roundTo(cost, decimals(sol.Cost))
				if set.round == geo.Nint && got != sol.Cost ||
					set.round == geo.Exact && got != sol.Cost && math.Abs(cost-sol.Cost) > 1e-6*sol.Cost {
					t.Errorf("%s.sol: recomputed cost %v (%.6f), Cost line %v", stem, got, cost, sol.Cost)
				}
				// bks.csv gives the exact sets to two decimals or fewer.
				if ok && cost < b.Value-0.05 {
					t.Errorf("%s.sol: cost %.6f below the best known %v", stem, cost, b.Value)
				}
			}
		})
	}
}

// TestCVRPLIBRepairedOriginals checks that the two original B solutions
// kept as .sol.orig are indeed defective, as SOURCES.md says: B-n50-k8
// visits a customer twice and B-n57-k7 recomputes to 1155, not 1153.
func TestCVRPLIBRepairedOriginals(t *testing.T) {
	dir := shared(t, "cvrplib", "B")
	v, err := datasets.ReadVRPLIBFile(filepath.Join(dir, "B-n50-k8.vrp"))
	if err != nil {
		t.Fatal(err)
	}
	sol, err := datasets.ReadSolutionFile(filepath.Join(dir, "B-n50-k8.sol.orig"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Check(sol, geo.Nint); err == nil || !strings.Contains(err.Error(), "already visited") {
		t.Errorf("B-n50-k8.sol.orig: got error %v, want a repeated customer", err)
	}
	v, err = datasets.ReadVRPLIBFile(filepath.Join(dir, "B-n57-k7.vrp"))
	if err != nil {
		t.Fatal(err)
	}
	if sol, err = datasets.ReadSolutionFile(filepath.Join(dir, "B-n57-k7.sol.orig")); err != nil {
		t.Fatal(err)
	}
	cost, err := v.Check(sol, geo.Nint)
	if err != nil || cost != 1155 || sol.Cost != 1153 {
		t.Errorf("B-n57-k7.sol.orig: got cost %v (line %v), err %v; want 1155 (line 1153)", cost, sol.Cost, err)
	}
}
