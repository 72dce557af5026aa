package datasets_test

import (
	"math"
	"path/filepath"
	"strings"
	"testing"

	"fulfil/datasets"
	"fulfil/geo"
)

// TestSolomonSets reads the 56 Solomon and 120 Gehring–Homberger instances,
// recomputes every CVRPLIB .sol with distances and travel times truncated
// to one decimal, checks capacity and time windows, and requires the cost
// to equal the Cost line and the bks.csv value.
func TestSolomonSets(t *testing.T) {
	sets := []struct {
		dir       string
		files     int
		customers int
	}{
		{".", 56, 100},
		{"gh200", 60, 200},
		{"gh400", 60, 400},
	}
	for _, set := range sets {
		t.Run(set.dir, func(t *testing.T) {
			dir := shared(t, "solomon", set.dir)
			bks, err := datasets.ReadBKS(filepath.Join(dir, "bks.csv"))
			if err != nil {
				t.Fatal(err)
			}
			for _, path := range glob(t, dir, "*.txt", set.files) {
				stem := strings.TrimSuffix(filepath.Base(path), ".txt")
				s, err := datasets.ReadSolomonFile(path)
				if err != nil {
					t.Error(err)
					continue
				}
				if !strings.EqualFold(s.Name, stem) || len(s.Customers) != set.customers+1 {
					t.Errorf("%s: name %q with %d customers, want %d", stem, s.Name, len(s.Customers)-1, set.customers)
				}
				if got := datasets.RoundingFor(stem); got != geo.Trunc1 {
					t.Errorf("RoundingFor(%q) = %v, want trunc1", stem, got)
				}
				sol, err := datasets.ReadSolutionFile(strings.TrimSuffix(path, ".txt") + ".sol")
				if err != nil {
					t.Error(err)
					continue
				}
				cost, err := s.Check(sol, geo.Trunc1)
				if err != nil {
					t.Errorf("%s.sol: %v", stem, err)
					continue
				}
				if math.Abs(roundTo(cost, 1)-sol.Cost) > 1e-6 {
					t.Errorf("%s.sol: recomputed cost %.6f, Cost line %v", stem, cost, sol.Cost)
				}
				b, ok := bks[stem]
				switch {
				case !ok:
					t.Errorf("%s: not in bks.csv", stem)
				case b.N != set.customers || b.CapacityOrK != float64(s.Capacity):
					t.Errorf("%s: bks.csv n=%d capacity=%g, instance %d customers, capacity %d",
						stem, b.N, b.CapacityOrK, len(s.Customers)-1, s.Capacity)
				case math.Abs(b.Value-sol.Cost) > 1e-6:
					t.Errorf("%s: bks.csv %v, .sol cost %v", stem, b.Value, sol.Cost)
				}
			}
		})
	}
}

// TestSolomonCheckRejects breaks the R101 solution in the ways Check must
// notice.
func TestSolomonCheckRejects(t *testing.T) {
	dir := shared(t, "solomon")
	s, err := datasets.ReadSolomonFile(filepath.Join(dir, "R101.txt"))
	if err != nil {
		t.Fatal(err)
	}
	sol, err := datasets.ReadSolutionFile(filepath.Join(dir, "R101.sol"))
	if err != nil {
		t.Fatal(err)
	}
	// One route visiting every customer breaks capacity and time windows.
	var all []int
	for _, r := range sol.Routes {
		all = append(all, r...)
	}
	// Reversing a tight route makes it late.
	rev := append([]int(nil), sol.Routes[0]...)
	for i, j := 0, len(rev)-1; i < j; i, j = i+1, j-1 {
		rev[i], rev[j] = rev[j], rev[i]
	}
	cases := []struct {
		name   string
		routes [][]int
		want   string
	}{
		{"missing", sol.Routes[1:], "not visited"},
		{"twice", append([][]int{{sol.Routes[1][0]}}, sol.Routes...), "already visited"},
		{"unknown", append([][]int{{101}}, sol.Routes...), "must be in 1..100"},
		{"one route", [][]int{all}, "after its due date"},
		{"reversed", append([][]int{rev}, sol.Routes[1:]...), "after its due date"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := s.Check(&datasets.Solution{Routes: c.routes}, geo.Trunc1)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error containing %q", err, c.want)
			}
		})
	}
}
