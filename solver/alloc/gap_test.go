package alloc_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fulfil/datasets"
	"fulfil/solver"
	"fulfil/solver/alloc"
)

const gapDir = "../../../shared/datasets/gap"

func gapInput(p *datasets.GAP) *alloc.GAPInput { return p.GAPInput() }

// readGAPSet reads the set's bks.csv into best-known values by instance,
// skipping when the data are absent.
func readGAPSet(t *testing.T) map[string]int64 {
	t.Helper()
	if _, err := os.Stat(gapDir); errors.Is(err, fs.ErrNotExist) {
		t.Skipf("GAP data not found at %s", gapDir)
	}
	rows, err := datasets.ReadBKS(filepath.Join(gapDir, "bks.csv"))
	if err != nil {
		t.Fatal(err)
	}
	bks := make(map[string]int64, len(rows))
	for name, b := range rows {
		bks[name] = int64(b.Value)
	}
	return bks
}

// OR-Library gap1..gap12 (Cattrysse et al. 1994), 60 problems of 5-10
// agents × 15-60 jobs: every one must reach its proven minimum (bks.csv).
func TestGAPORLibSmall(t *testing.T) {
	bks := readGAPSet(t)
	var total time.Duration
	proved := 0
	for set := 1; set <= 12; set++ {
		for k := range 5 {
			name := fmt.Sprintf("cattrysse1994/gap%d-%d", set, k)
			p, err := datasets.ReadGAPFile(filepath.Join(gapDir, "instances", name))
			if err != nil {
				t.Fatal(err)
			}
			in := gapInput(p)
			opt := alloc.DefaultGAPOptions()
			opt.Threads = 1
			opt.Iterations = 2000
			opt.TimeLimitS = 20 // a safety net; the iteration cap decides
			out, err := alloc.SolveGAP(context.Background(), in, opt)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			total += time.Duration(out.Stats.RuntimeS * float64(time.Second))
			if err := verdict(alloc.CheckGAP(in, out)); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			if want := bks[name]; out.Cost != want {
				t.Errorf("%s: got cost %d, want the optimum %d (bound %d)", name, out.Cost, want, out.LowerBound)
			}
			if out.Optimal {
				proved++
			}
			t.Logf("%s: cost %d bound %d optimal %v iterations %d %.3fs", name, out.Cost, out.LowerBound, out.Optimal, out.Stats.Iterations, out.Stats.RuntimeS)
		}
	}
	t.Logf("60 problems in %s, %d proved optimal", total, proved)
}

// Two larger problems (Chu and Beasley 1997 type c; Yagiura et al. 2004
// type d) on a small iteration budget: within 3 % of the best known, with
// a bound below it.
func TestGAPORLibLarge(t *testing.T) {
	bks := readGAPSet(t)
	for _, name := range []string{"chu1997/c10100", "yagiura2004/d10400"} {
		p, err := datasets.ReadGAPFile(filepath.Join(gapDir, "instances", name))
		if err != nil {
			t.Fatal(err)
		}
		in := gapInput(p)
		opt := alloc.DefaultGAPOptions()
		opt.Threads = 1
		opt.Iterations = 1500
		opt.TimeLimitS = 60
		out, err := alloc.SolveGAP(context.Background(), in, opt)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := verdict(alloc.CheckGAP(in, out)); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		want := bks[name]
		if gap := float64(out.Cost-want) / float64(want); gap > 0.03 || out.LowerBound > want {
			t.Errorf("%s: cost %d bound %d, best known %d", name, out.Cost, out.LowerBound, want)
		}
		t.Logf("%s: cost %d (best known %d) bound %d in %.2fs", name, out.Cost, want, out.LowerBound, out.Stats.RuntimeS)
	}
}

// The OR-Library gap1..gap12 problems were published as maximisation
// problems; testdata/allocation_cases.csv (case gap-orlib-gap1-12-optima,
// from OR-Library's gapinfo) lists their optima. Maximising profit p is
// minimising P − p for a constant P above every profit, so each optimum
// must come out as n·P − max.
func TestGAPORLibMaximisation(t *testing.T) {
	if _, err := os.Stat(gapDir); err != nil {
		t.Skipf("GAP data not found at %s", gapDir)
	}
	f, err := os.Open("testdata/allocation_cases.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var want struct {
		OptimalValues map[string]map[string][]int64 `json:"optimal_values"`
	}
	for _, r := range rows {
		if r[0] == "gap-orlib-gap1-12-optima" {
			if err := json.Unmarshal([]byte(r[3]), &want); err != nil {
				t.Fatal(err)
			}
		}
	}
	if len(want.OptimalValues) != 12 {
		t.Fatalf("got %d files of maximisation optima, want 12", len(want.OptimalValues))
	}
	for set := 1; set <= 12; set++ {
		file := fmt.Sprintf("gap%d", set)
		probs, err := datasets.ReadORLibGAPFile(filepath.Join(gapDir, "orlib", file+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		var opt []int64
		for _, v := range want.OptimalValues[file] {
			opt = v
		}
		if len(opt) != len(probs) {
			t.Fatalf("%s: %d problems, %d optima", file, len(probs), len(opt))
		}
		for k, p := range probs {
			var top int64
			for _, row := range p.Cost {
				for _, c := range row {
					top = max(top, c)
				}
			}
			P := top + 1
			in := &alloc.GAPInput{Weight: p.Weight, Capacity: p.Capacity}
			for _, row := range p.Cost {
				r := make([]int64, len(row))
				for j, c := range row {
					r[j] = P - c
				}
				in.Cost = append(in.Cost, r)
			}
			o := alloc.DefaultGAPOptions()
			o.Threads = 1
			o.Iterations = 2000
			o.TimeLimitS = 20
			out, err := alloc.SolveGAP(context.Background(), in, o)
			if err != nil {
				t.Fatalf("%s-%d: %v", file, k, err)
			}
			if err := verdict(alloc.CheckGAP(in, out)); err != nil {
				t.Errorf("%s-%d: %v", file, k, err)
			}
			if got := int64(p.Jobs)*P - out.Cost; got != opt[k] || !out.Optimal {
				t.Errorf("%s-%d: got profit %d (proved %v), want the maximum %d", file, k, got, out.Optimal, opt[k])
			}
		}
	}
}

// verdict makes a check's report an error wrapping alloc.ErrCheck.
func verdict(rep *solver.Report, err error) error {
	if err != nil {
		return err
	}
	return rep.Err(alloc.ErrCheck)
}
