package datasets_test

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fulfil/datasets"
)

// TestLiLimEmbedded reads lc101 and its SINTEF best-known solution (10
// vehicles, 828.9369) from testdata and checks the solution independently.
func TestLiLimEmbedded(t *testing.T) {
	inst, err := datasets.ReadLiLimFile("testdata/lc101.txt")
	if err != nil {
		t.Fatal(err)
	}
	if inst.Name != "lc101" || inst.Vehicles != 25 || inst.Capacity != 200 || len(inst.Tasks) != 107 || len(inst.Requests()) != 53 {
		t.Fatalf("got %s K=%d Q=%d tasks=%d requests=%d, want lc101 25 200 107 53",
			inst.Name, inst.Vehicles, inst.Capacity, len(inst.Tasks), len(inst.Requests()))
	}
	sol, err := datasets.ReadSINTEFFile("testdata/lc101.sintef.txt")
	if err != nil {
		t.Fatal(err)
	}
	v, d, err := inst.Check(sol.Routes)
	if err != nil {
		t.Fatal(err)
	}
	if v != 10 || math.Abs(d-828.9369) > 5e-5 {
		t.Errorf("got %d vehicles, %.4f, want 10 and 828.9369 (SINTEF)", v, d)
	}
	// The writer's output reads back to the same routes.
	var buf bytes.Buffer
	if err := datasets.WriteSINTEF(&buf, sol); err != nil {
		t.Fatal(err)
	}
	back, err := datasets.ReadSINTEF(&buf, "back")
	if err != nil {
		t.Fatal(err)
	}
	if _, d2, err := inst.Check(back.Routes); err != nil || d2 != d || back.Instance != "lc101" {
		t.Errorf("round trip: got %v, %g, %q", err, d2, back.Instance)
	}
}

// TestLiLimCheckCatches breaks the best-known solution in each way Check
// must notice.
func TestLiLimCheckCatches(t *testing.T) {
	inst, err := datasets.ReadLiLimFile("testdata/lc101.txt")
	if err != nil {
		t.Fatal(err)
	}
	sol, err := datasets.ReadSINTEFFile("testdata/lc101.sintef.txt")
	if err != nil {
		t.Fatal(err)
	}
	clone := func() [][]int {
		out := make([][]int, len(sol.Routes))
		for k, r := range sol.Routes {
			out[k] = append([]int(nil), r...)
		}
		return out
	}
	pairOf := func(routes [][]int) (k, p, d int) { // a pickup and the position of its delivery on route k
		for k, r := range routes {
			for i, c := range r {
				if inst.Tasks[c].Demand > 0 {
					for j := i + 1; j < len(r); j++ {
						if r[j] == inst.Tasks[c].Delivery {
							return k, i, j
						}
					}
				}
			}
		}
		t.Fatal("no pair on one route")
		return
	}
	for _, tc := range []struct {
		name, want string
		edit       func([][]int) [][]int
	}{
		{"delivery first", "before its pickup", func(r [][]int) [][]int {
			k, i, j := pairOf(r)
			r[k][i], r[k][j] = r[k][j], r[k][i]
			return r
		}},
		{"pair split", "another route", func(r [][]int) [][]int {
			k, _, j := pairOf(r)
			d := r[k][j]
			r[k] = append(r[k][:j:j], r[k][j+1:]...)
			return append(r, []int{d})
		}},
		{"missing task", "not visited", func(r [][]int) [][]int { r[0] = r[0][1:]; return r }},
		{"one route per request", "latest", func(r [][]int) [][]int {
			var all []int
			for _, x := range r {
				all = append(all, x...)
			}
			return [][]int{all}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := inst.Check(tc.edit(clone()))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want an error with %q", err, tc.want)
			}
		})
	}
}

func TestReadLiLimBad(t *testing.T) {
	good := "25\t200\t1\n0\t40\t50\t0\t0\t1236\t0\t0\t0\n1\t45\t68\t10\t0\t967\t90\t0\t2\n2\t45\t70\t-10\t0\t870\t90\t1\t0\n"
	if _, err := datasets.ReadLiLim(strings.NewReader(good), "ok.txt"); err != nil {
		t.Fatalf("good file: %v", err)
	}
	for _, tc := range []struct{ name, src, want string }{
		{"header", "25 200\n", "bad.txt:1: expected the line \"K Q S\""},
		{"index order", strings.Replace(good, "\n2\t", "\n3\t", 1), "bad.txt:4: index: expected 2"},
		{"fields", strings.Replace(good, "\t90\t1\t0", "\t90\t1", 1), "bad.txt:4: expected 9 fields"},
		{"unpaired", strings.Replace(good, "\t90\t1\t0", "\t90\t0\t0", 1), "bad.txt:3: task 1: its delivery 2 must name it as pickup with demand -10, got pickup 0"},
		{"demands differ", strings.Replace(good, "-10", "-5", 1), "bad.txt:3: task 1: its delivery 2 must name it"},
		{"zero demand", good + "3\t1\t1\t0\t0\t10\t0\t0\t0\n", "bad.txt:5: task 3: demand must not be 0"},
		{"window", strings.Replace(good, "\t0\t870", "\t900\t870", 1), "bad.txt:4: earliest 900 is after latest 870"},
		{"depot demand", strings.Replace(good, "0\t40\t50\t0", "0\t40\t50\t3", 1), "bad.txt:2: task 0: the depot"},
		{"over capacity", strings.NewReplacer("\t10\t", "\t300\t", "-10", "-300").Replace(good), "exceeds the capacity 200"},
		{"empty", "", "unexpected end of file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := datasets.ReadLiLim(strings.NewReader(tc.src), "bad.txt")
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// TestLiLimShared reads all 56 pdp_100 instances and checks the six SINTEF
// solutions against bks.csv.
func TestLiLimShared(t *testing.T) {
	dir := shared(t, "pdptw", "li-lim")
	f, err := os.Open(filepath.Join(dir, "bks.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	bks, err := datasets.ReadHierBKS(f, "bks.csv")
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range glob(t, filepath.Join(dir, "pdp_100"), "*.txt", 56) {
		inst, err := datasets.ReadLiLimFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := bks[inst.Name]; !ok {
			t.Errorf("%s: not in bks.csv", inst.Name)
		}
	}
	for _, path := range glob(t, filepath.Join(dir, "solutions"), "*.txt", 6) {
		sol, err := datasets.ReadSINTEFFile(path)
		if err != nil {
			t.Fatal(err)
		}
		inst, err := datasets.ReadLiLimFile(filepath.Join(dir, "pdp_100", sol.Instance+".txt"))
		if err != nil {
			t.Fatal(err)
		}
		v, d, err := inst.Check(sol.Routes)
		if err != nil {
			t.Fatalf("%s: %v", sol.Instance, err)
		}
		if b := bks[sol.Instance]; v != b.Vehicles || math.Abs(d-b.Distance) > 5e-5 {
			t.Errorf("%s: got %d vehicles %.4f, want %d %.4f", sol.Instance, v, d, b.Vehicles, b.Distance)
		}
	}
}
