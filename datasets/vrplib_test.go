package datasets_test

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"testing"

	"fulfil/datasets"
	"fulfil/geo"
)

// TestVRPLIBSmall reads A-n32-k5 and rechecks its optimal solution, 784
// (Augerat et al. 1995; CVRPLIB), with nint distances.
func TestVRPLIBSmall(t *testing.T) {
	v, err := datasets.ReadVRPLIBFile("samples/A-n32-k5.vrp")
	if err != nil {
		t.Fatal(err)
	}
	if v.Name != "A-n32-k5" || v.Dimension != 32 || v.Capacity != 100 || v.EdgeWeightType != "EUC_2D" ||
		v.Coords[0] != (geo.Point{82, 76}) || v.Demands[0] != 0 || v.Demands[1] != 19 || v.Customers() != 31 {
		t.Fatalf("got %+v", v)
	}
	sol, err := datasets.ReadSolutionFile("samples/A-n32-k5.sol")
	if err != nil {
		t.Fatal(err)
	}
	cost, err := v.Check(sol, geo.Nint)
	if err != nil || cost != 784 {
		t.Errorf("Check: got %v, %v; want 784", cost, err)
	}
	// Exact distances give a longer, non-integer total.
	if exact, _ := v.Check(sol, geo.Exact); exact == 784 || math.Abs(exact-784) > 10 {
		t.Errorf("Check exact: got %v, want near but not 784", exact)
	}
	// Merging two routes breaks capacity.
	bad := &datasets.Solution{Routes: append([][]int{append(slices.Clone(sol.Routes[0]), sol.Routes[1]...)}, sol.Routes[2:]...)}
	if _, err := v.Check(bad, geo.Nint); err == nil || !strings.Contains(err.Error(), "exceeds the capacity 100") {
		t.Errorf("merged routes: got %v, want a capacity error", err)
	}
}

// TestVRPLIBDistanceLimit checks CMT6's DISTANCE and SERVICE_TIME and that
// Check enforces them.
func TestVRPLIBDistanceLimit(t *testing.T) {
	v, err := datasets.ReadVRPLIBFile("testdata/CMT6.vrp")
	if err != nil {
		t.Fatal(err)
	}
	if v.MaxDistance != 200 || v.ServiceTime != 10 || v.Comment != "555.43" {
		t.Fatalf("got DISTANCE %g, SERVICE_TIME %g, COMMENT %q", v.MaxDistance, v.ServiceTime, v.Comment)
	}
	// One customer per route fits the capacity and, as CMT6's optimum shows,
	// the 200 limit; a limit of 30 leaves 20 for driving, too little for
	// some customer's round trip.
	var routes [][]int
	for c := 1; c <= 50; c++ {
		routes = append(routes, []int{c})
	}
	if _, err := v.Check(&datasets.Solution{Routes: routes}, geo.Exact); err != nil {
		t.Fatalf("single-customer routes: %v", err)
	}
	v.MaxDistance = 30
	if _, err := v.Check(&datasets.Solution{Routes: routes}, geo.Exact); err == nil || !strings.Contains(err.Error(), "exceeds DISTANCE 30") {
		t.Errorf("got %v, want a DISTANCE error", err)
	}
}

// fullMatrix5 is the symmetric matrix of testdata/explicit-n5.vrp in file
// numbering.
var fullMatrix5 = [5][5]float64{
	{0, 3, 4, 6, 9},
	{3, 0, 5, 7, 10},
	{4, 5, 0, 8, 11},
	{6, 7, 8, 0, 12},
	{9, 10, 11, 12, 0},
}

// explicitFile writes the 5-node instance with weights in format.
func explicitFile(format string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "NAME : e5\nTYPE : CVRP\nDIMENSION : 5\nCAPACITY : 10\nEDGE_WEIGHT_TYPE : EXPLICIT\nEDGE_WEIGHT_FORMAT : %s\nEDGE_WEIGHT_SECTION\n", format)
	for i := range 5 {
		for j := range 5 {
			var in bool
			switch format {
			case "FULL_MATRIX":
				in = true
			case "LOWER_ROW", "UPPER_COL":
				in = j < i
			case "UPPER_ROW", "LOWER_COL":
				in = j > i
			case "LOWER_DIAG_ROW", "UPPER_DIAG_COL":
				in = j <= i
			case "UPPER_DIAG_ROW", "LOWER_DIAG_COL":
				in = j >= i
			}
			if in {
				fmt.Fprintf(&b, "%g ", fullMatrix5[i][j])
			}
		}
		b.WriteString("\n")
	}
	b.WriteString("DEMAND_SECTION\n1 0\n2 1\n3 2\n4 3\n5 4\nDEPOT_SECTION\n1\n-1\nEOF\n")
	return b.String()
}

// TestVRPLIBExplicit reads every EXPLICIT format into the same matrix.
func TestVRPLIBExplicit(t *testing.T) {
	for _, format := range []string{"FULL_MATRIX", "LOWER_ROW", "UPPER_ROW", "LOWER_DIAG_ROW",
		"UPPER_DIAG_ROW", "LOWER_COL", "UPPER_COL", "LOWER_DIAG_COL", "UPPER_DIAG_COL"} {
		t.Run(format, func(t *testing.T) {
			v, err := datasets.ReadVRPLIB(strings.NewReader(explicitFile(format)), "e5.vrp")
			if err != nil {
				t.Fatal(err)
			}
			d := v.Distances(geo.Nint)
			for i := range 5 {
				for j := range 5 {
					if d[i*5+j] != fullMatrix5[i][j] {
						t.Fatalf("(%d,%d): got %g, want %g", i, j, d[i*5+j], fullMatrix5[i][j])
					}
				}
			}
		})
	}
}

// TestVRPLIBDepotFirst reads an instance whose depot is node 3 and checks
// that it becomes node 0 with demands, weights and node numbers permuted.
func TestVRPLIBDepotFirst(t *testing.T) {
	v, err := datasets.ReadVRPLIBFile("testdata/explicit-n5.vrp")
	if err != nil {
		t.Fatal(err)
	}
	if want := []int{3, 1, 2, 4, 5}; !slices.Equal(v.Nodes, want) {
		t.Errorf("Nodes: got %v, want %v", v.Nodes, want)
	}
	if want := []int64{0, 4, 6, 5, 5}; !slices.Equal(v.Demands, want) {
		t.Errorf("Demands: got %v, want %v", v.Demands, want)
	}
	d := v.Distances(geo.Exact)
	for a, i := range v.Nodes {
		for b, j := range v.Nodes {
			if d[a*5+b] != fullMatrix5[i-1][j-1] {
				t.Fatalf("(%d,%d): got %g, want %g", a, b, d[a*5+b], fullMatrix5[i-1][j-1])
			}
		}
	}
	// Customers 1, 2 are file nodes 1, 2 and customers 3, 4 file nodes 4,
	// 5: (3→1) 4 + (1→2) 3 + (2→3) 5, and (3→4) 8 + (4→5) 12 + (5→3) 11.
	cost, err := v.Check(&datasets.Solution{Routes: [][]int{{1, 2}, {3, 4}}}, geo.Exact)
	if err != nil || cost != 43 {
		t.Errorf("Check: got %v, %v; want 43", cost, err)
	}
}

// TestVRPLIBOtherTypes checks the TSPLIB definitions of CEIL_2D, ATT,
// MAN_2D and MAX_2D on two points 3, 4 apart (and 30, 40 for ATT).
func TestVRPLIBOtherTypes(t *testing.T) {
	cases := []struct {
		typ  string
		b    string
		want float64
	}{
		{"EUC_2D", "3.2 4.1", 5},   // 5.2 → 5
		{"CEIL_2D", "3.2 4.1", 6},  // 5.2 → 6
		{"ATT", "30 40", 16},       // sqrt(250) = 15.81 → 16
		{"MAN_2D", "3.2 4.1", 7},   // 7.3 → 7
		{"MAX_2D", "-3.6 4.1", 4},  // max(4, 4)
		{"MAX_2D", "-3.4 -2.1", 3}, // max(3, 2)
	}
	for _, c := range cases {
		t.Run(c.typ+" "+c.b, func(t *testing.T) {
			in := fmt.Sprintf("TYPE : CVRP\nDIMENSION : 2\nCAPACITY : 1\nEDGE_WEIGHT_TYPE : %s\nNODE_COORD_SECTION\n1 0 0\n2 %s\nDEMAND_SECTION\n1 0\n2 1\nDEPOT_SECTION\n1\n-1\n", c.typ, c.b)
			v, err := datasets.ReadVRPLIB(strings.NewReader(in), "t.vrp")
			if err != nil {
				t.Fatal(err)
			}
			if d := v.Distances(geo.Nint); d[1] != c.want || d[2] != c.want {
				t.Errorf("got %v, want %g", d, c.want)
			}
		})
	}
}

// TestVRPLIBErrors feeds broken files and checks the position and text of
// each error.
func TestVRPLIBErrors(t *testing.T) {
	const head = "NAME : t\nTYPE : CVRP\nDIMENSION : 3\nCAPACITY : 10\nEDGE_WEIGHT_TYPE : EUC_2D\n"
	const coords = "NODE_COORD_SECTION\n1 0 0\n2 1 1\n3 2 2\n"
	const demand = "DEMAND_SECTION\n1 0\n2 1\n3 1\n"
	const depot = "DEPOT_SECTION\n1\n-1\nEOF\n"
	cases := []struct {
		name, in, want string
	}{
		{"ok", head + coords + demand + depot, ""},
		{"fields", head + "NODE_COORD_SECTION\n1 0 0\n2 1\n3 2 2\n" + demand + depot, "t.vrp:8: NODE_COORD_SECTION: node 2: expected 3 fields, got 2"},
		{"short section", head + "NODE_COORD_SECTION\n1 0 0\n2 1 1\n" + demand + depot, "t.vrp:9: NODE_COORD_SECTION: expected 3 nodes, got 2"},
		{"repeated node", head + "NODE_COORD_SECTION\n1 0 0\n1 1 1\n3 2 2\n" + demand + depot, "t.vrp:8: NODE_COORD_SECTION: node 1: repeated"},
		{"node range", head + "NODE_COORD_SECTION\n1 0 0\n4 1 1\n3 2 2\n" + demand + depot, "t.vrp:8: NODE_COORD_SECTION: node 4: must be in 1..3"},
		{"nan", head + "NODE_COORD_SECTION\n1 0 0\n2 NaN 1\n3 2 2\n" + demand + depot, `t.vrp:8: NODE_COORD_SECTION: node 2: expected a finite number, got "NaN"`},
		{"negative demand", head + coords + "DEMAND_SECTION\n1 0\n2 -1\n3 1\n" + depot, "t.vrp:12: DEMAND_SECTION: node 2: demand must be >= 0, got -1"},
		{"depot demand", head + coords + "DEMAND_SECTION\n1 5\n2 1\n3 1\n" + depot, "t.vrp: DEMAND_SECTION: depot node 1: demand must be 0, got 5"},
		{"no -1", head + coords + demand + "DEPOT_SECTION\n1\n", "t.vrp:15: unexpected end of file: DEPOT_SECTION: missing the terminating -1"},
		{"two depots", head + coords + demand + "DEPOT_SECTION\n1\n2\n-1\n", "t.vrp:16: DEPOT_SECTION: node 2: only one depot is supported"},
		{"missing depot", head + coords + demand, "t.vrp: missing DEPOT_SECTION"},
		{"missing coords", head + demand + depot, "t.vrp: missing NODE_COORD_SECTION for EDGE_WEIGHT_TYPE EUC_2D"},
		{"section first", "NODE_COORD_SECTION\n1 0 0\n", "t.vrp:1: NODE_COORD_SECTION: DIMENSION must come before the section"},
		{"bad dimension", "DIMENSION : -3\n", "t.vrp:1: DIMENSION: must be >= 1, got -3"},
		{"huge dimension", "DIMENSION : 99999999999\n", "t.vrp:1: DIMENSION: 99999999999 exceeds the limit of 100000 nodes"},
		{"bad type", "TYPE : TSP\n", `t.vrp:1: TYPE: unsupported "TSP", want CVRP`},
		{"unknown key", "NAME : t\nFOO : 1\n", `t.vrp:2: unknown keyword "FOO"`},
		{"repeated key", "NAME : t\nNAME : u\n", "t.vrp:2: NAME: repeated (first at line 1)"},
		{"edge type", "EDGE_WEIGHT_TYPE : GEO\n", `t.vrp:1: EDGE_WEIGHT_TYPE: unsupported "GEO"`},
		{"after EOF", head + coords + demand + depot + "1 2\n", `t.vrp:18: unexpected data after EOF: "1 2"`},
		{"weights type", head + "EDGE_WEIGHT_SECTION\n1 2 3\n", `t.vrp:6: EDGE_WEIGHT_SECTION: EDGE_WEIGHT_TYPE must be EXPLICIT before the section, got "EUC_2D"`},
		{"weights extra", strings.Replace(explicitFile("UPPER_ROW"), "12 \n", "12 13\n", 1), `t.vrp:11: EDGE_WEIGHT_SECTION: more weights than the UPPER_ROW of 5 nodes holds, next "13"`},
		{"weights short", strings.Replace(explicitFile("UPPER_ROW"), "12 \n", "\n", 1), `t.vrp:13: EDGE_WEIGHT_SECTION: weight (4,5): expected a finite number, got "DEMAND_SECTION"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := datasets.ReadVRPLIB(strings.NewReader(c.in), "t.vrp")
			if c.want == "" {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				return
			}
			if err == nil || err.Error() != c.want {
				t.Fatalf("got %v\nwant %s", err, c.want)
			}
			if _, ok := errors.AsType[*datasets.ParseError](err); !ok {
				t.Errorf("got %T, want *datasets.ParseError", err)
			}
		})
	}
}
