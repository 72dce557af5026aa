package wave_test

import (
	"os"
	"path/filepath"
	"sort"
	"testing"

	"fulfil/datasets"
	"fulfil/solver/wave"
)

// sprpDir holds the picker-routing instances of Heßler & Irnich (2024).
const sprpDir = "../../../shared/datasets/picker-routing/sprp"

// sprpLayout converts an SPRP instance to a Layout with the production
// converter, datasets.SPRP.WaveInput; with twoBlock a middle cross aisle of
// width 1 lies between the two middle cells.
func sprpLayout(p *datasets.SPRP, twoBlock bool) *wave.Layout {
	l, _, err := p.WaveInput(twoBlock)
	if err != nil {
		panic(err) // loadSPRP converted the same instance already
	}
	return l
}

type sprpCase struct {
	name   string
	inst   *datasets.SPRP
	picks  []wave.Position
	single float64
	two    float64
}

// loadSPRP reads every instance with both published optima, or skips.
func loadSPRP(tb testing.TB) []sprpCase {
	tb.Helper()
	if _, err := os.Stat(sprpDir); err != nil {
		tb.Skipf("picker-routing set absent at %s", sprpDir)
	}
	single, err := datasets.ReadSPRPResults(filepath.Join(sprpDir, "results", "results_SPRP.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	two, err := datasets.ReadSPRPResults(filepath.Join(sprpDir, "results", "results_SPRP_two_block.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	files, err := filepath.Glob(filepath.Join(sprpDir, "instances", "*.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	sort.Strings(files)
	var cases []sprpCase
	for _, f := range files {
		p, err := datasets.ReadSPRPFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		_, picks, err := p.WaveInput(false)
		if err != nil {
			tb.Fatal(err)
		}
		name := filepath.Base(f)
		s, ok1 := single[name]
		t, ok2 := two[name]
		if !ok1 || !ok2 {
			tb.Fatalf("%s: no published optimum (single %v, two-block %v)", name, ok1, ok2)
		}
		cases = append(cases, sprpCase{name: name, inst: p, picks: picks, single: s, two: t})
	}
	return cases
}

// TestSPRPOptimal requires the exact router to match every proven optimum
// of Heßler & Irnich (results_SPRP.csv column "DP cost";
// results_SPRP_two_block.csv column "objective") and checks every tour.
// It also logs the heuristics' mean gap above the optimum.
func TestSPRPOptimal(t *testing.T) {
	cases := loadSPRP(t)
	if len(cases) != 2400 {
		t.Errorf("got %d instances, want 2400", len(cases))
	}
	var w wave.Router
	for _, two := range []bool{false, true} {
		name, matched := "single-block", 0
		if two {
			name = "two-block"
		}
		gaps := map[wave.Policy]float64{}
		for ci, c := range cases {
			l := sprpLayout(c.inst, two)
			want := c.single
			if two {
				want = c.two
			}
			var opt float64
			for _, pol := range wave.Policies() {
				tour, err := w.Route(l, c.picks, pol)
				if err != nil {
					t.Fatalf("%s %s %s: %v", name, c.name, pol, err)
				}
				// every optimal tour, every 8th heuristic one (Dijkstra is slow)
				if pol == wave.Optimal || ci%8 == 0 {
					if err := wave.CheckTour(l, c.picks, tour); err != nil {
						t.Fatalf("%s %s %s: %v", name, c.name, pol, err)
					}
				}
				if pol == wave.Optimal {
					opt = tour.DistanceM
					if tour.DistanceM == want {
						matched++
					} else {
						t.Errorf("%s %s: got %g, want %g", name, c.name, tour.DistanceM, want)
					}
					continue
				}
				if tour.DistanceM < opt-1e-9 {
					t.Errorf("%s %s %s: %g below the optimum %g", name, c.name, pol, tour.DistanceM, opt)
				}
				gaps[pol] += 100 * (tour.DistanceM - opt) / opt
			}
		}
		t.Logf("%s: optimum matched on %d of %d; mean %% above optimum: sshape %.2f, largestgap %.2f, combined %.2f",
			name, matched, len(cases), gaps[wave.SShape]/float64(len(cases)),
			gaps[wave.LargestGap]/float64(len(cases)), gaps[wave.Combined]/float64(len(cases)))
	}
}
