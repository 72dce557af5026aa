package alloc_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fulfil/datasets"
	"fulfil/solver/alloc"
)

const gapDir = "../../../shared/datasets/gap"

func gapInput(p *datasets.GAP) *alloc.GAPInput {
	return &alloc.GAPInput{Cost: p.Cost, Weight: p.Weight, Capacity: p.Capacity}
}

func readGAPSet(t *testing.T) map[string]datasets.BKS {
	t.Helper()
	if _, err := os.Stat(gapDir); err != nil {
		t.Skipf("GAP data not found at %s", gapDir)
	}
	bks, err := datasets.ReadBKSFile(filepath.Join(gapDir, "bks.csv"))
	if err != nil {
		t.Fatal(err)
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
			opt.TimeLimit = 20 * time.Second // a safety net; the iteration cap decides
			out, err := alloc.SolveGAP(context.Background(), in, opt)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			total += time.Duration(out.Stats.RuntimeS * float64(time.Second))
			if err := alloc.CheckGAP(in, out); err != nil {
				t.Errorf("%s: %v", name, err)
			}
			if want := int64(bks[name].Value); out.Cost != want {
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
