package datasets_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"fulfil/datasets"
	"fulfil/geo"
)

// maxFuzzInput caps fuzz inputs so that each run stays fast.
const maxFuzzInput = 64 << 10

// seed adds the named testdata or embedded sample files to f's corpus,
// plus a truncation and a corruption of each so that the corpus covers the
// error paths too.
func seed(f *testing.F, files ...string) {
	f.Helper()
	for _, name := range files {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			b, err = datasets.Sample(name)
		}
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		f.Add(b[:len(b)/2])
		f.Add(bytes.ReplaceAll(b, []byte("1"), []byte("-")))
	}
}

func FuzzReadVRPLIB(f *testing.F) {
	seed(f, "A-n32-k5.vrp", "CMT6.vrp", "explicit-n5.vrp")
	f.Add([]byte(explicitFile("UPPER_DIAG_COL")))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > maxFuzzInput {
			return
		}
		v, err := datasets.ReadVRPLIB(bytes.NewReader(b), "fuzz.vrp")
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.vrp") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		n := v.Dimension
		if n < 1 || len(v.Demands) != n || len(v.Nodes) != n || v.Capacity < 1 || v.Demands[0] != 0 {
			t.Fatalf("insane result: %+v", v)
		}
		if n > 2000 {
			return // keep the matrix small
		}
		d := v.Distances(geo.Nint)
		if len(d) != n*n {
			t.Fatalf("distances: %d entries for %d nodes", len(d), n)
		}
		for _, x := range d {
			if !(x >= 0) {
				t.Fatalf("distance %v", x)
			}
		}
	})
}

func FuzzReadSolution(f *testing.F) {
	seed(f, "A-n32-k5.sol", "C101.sol")
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > maxFuzzInput {
			return
		}
		s, err := datasets.ReadSolution(bytes.NewReader(b), "fuzz.sol")
		if err != nil {
			return
		}
		// A solution that reads writes and reads back the same.
		var w bytes.Buffer
		if err := datasets.WriteSolution(&w, s); err != nil {
			t.Fatal(err)
		}
		s2, err := datasets.ReadSolution(&w, "again.sol")
		if err != nil || len(s2.Routes) != len(s.Routes) || s2.Cost != s.Cost {
			t.Fatalf("round trip: %+v, %v; want %+v", s2, err, s)
		}
	})
}

func FuzzReadSolomon(f *testing.F) {
	seed(f, "C101.txt")
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > maxFuzzInput {
			return
		}
		s, err := datasets.ReadSolomon(bytes.NewReader(b), "fuzz.txt")
		if err != nil {
			return
		}
		if len(s.Customers) < 1 || s.Capacity < 1 || s.Vehicles < 1 || s.Customers[0].Demand != 0 {
			t.Fatalf("insane result: %+v", s)
		}
		for _, c := range s.Customers {
			if c.Demand < 0 || c.Due < c.Ready || c.Service < 0 {
				t.Fatalf("insane customer %+v", c)
			}
		}
	})
}

func FuzzReadGAP(f *testing.F) {
	seed(f, "gap1-0", "gap1-first2.txt")
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > maxFuzzInput {
			return
		}
		check := func(g *datasets.GAP) {
			if len(g.Cost) != g.Agents || len(g.Weight) != g.Agents || len(g.Capacity) != g.Agents {
				t.Fatalf("insane result: %+v", g)
			}
			for i := range g.Agents {
				if len(g.Cost[i]) != g.Jobs || len(g.Weight[i]) != g.Jobs {
					t.Fatalf("insane row %d: %+v", i, g)
				}
			}
		}
		if g, err := datasets.ReadGAP(bytes.NewReader(b), "fuzz"); err == nil {
			check(g)
		}
		if gs, err := datasets.ReadORLibGAP(bytes.NewReader(b), "fuzz"); err == nil {
			for _, g := range gs {
				check(g)
			}
		}
	})
}

func FuzzReadSPRP(f *testing.F) {
	seed(f, "unit_F1_m5_C30_a3_0.txt")
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > maxFuzzInput {
			return
		}
		p, err := datasets.ReadSPRP(bytes.NewReader(b), "fuzz.txt")
		if err != nil {
			return
		}
		if p.Aisles < 1 || p.Cells < 1 || p.DepotAisle >= p.Aisles {
			t.Fatalf("insane result: %+v", p)
		}
		for _, pos := range p.Positions {
			if pos.Aisle < 0 || pos.Aisle >= p.Aisles || pos.Cell < 0 || pos.Cell >= p.Cells || pos.Quantity < 1 {
				t.Fatalf("insane position %+v", pos)
			}
		}
	})
}

func FuzzReadBKS(f *testing.F) {
	f.Add([]byte("instance,n,capacity_or_k,bks,optimal,source\nA-n32-k5,31,100,784,yes,\"a, b\"\n"))
	f.Add([]byte("instance,n,capacity_or_k,bks,optimal,source\nA,1,2,x,no,s\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > maxFuzzInput {
			return
		}
		m, err := datasets.ReadBKSFrom(bytes.NewReader(b), "bks.csv")
		if err != nil {
			return
		}
		for k, v := range m {
			if k == "" || k != v.Instance || v.N < 0 {
				t.Fatalf("insane row %+v", v)
			}
		}
	})
}

func FuzzDetect(f *testing.F) {
	seed(f, "A-n32-k5.vrp", "C101.txt", "gap1-0", "unit_F1_m5_C30_a3_0.txt", "A-n32-k5.sol")
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > maxFuzzInput {
			return
		}
		if got := datasets.Detect(b); got < datasets.FormatUnknown || got > datasets.FormatVRPJSON {
			t.Fatalf("Detect: %d", got)
		}
	})
}
