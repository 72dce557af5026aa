package datasets

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"fulfil/geo"
)

// VRPLIB is a capacitated vehicle routing instance in the TSPLIB/VRPLIB
// text format used by CVRPLIB (.vrp files).
//
// After reading, node 0 is the depot and nodes 1..Dimension-1 are the
// customers in file order, so that customer c of a CVRPLIB .sol file is node
// c (CVRPLIB numbers the depot 1 and customer c as node c+1). Nodes maps
// back to the file's node numbers.
type VRPLIB struct {
	Name    string
	Comment string // COMMENT lines, joined by "; " when there are several
	Type    string // TYPE; always "CVRP"

	Dimension   int     // number of nodes, the depot included
	Capacity    int64   // CAPACITY of every vehicle
	MaxDistance float64 // DISTANCE: longest route, service times included; 0 when absent
	ServiceTime float64 // SERVICE_TIME at every customer; 0 when absent
	Vehicles    int     // VEHICLES; 0 when absent (fleet size free)

	EdgeWeightType   string // EUC_2D, CEIL_2D, ATT, MAN_2D, MAX_2D or EXPLICIT
	EdgeWeightFormat string // for EXPLICIT: FULL_MATRIX, LOWER_ROW, UPPER_ROW, LOWER_DIAG_ROW, UPPER_DIAG_ROW (or a *_COL twin)

	Coords  []geo.Point // [Dimension] planar x, y; nil when EXPLICIT without NODE_COORD_SECTION
	Demands []int64     // [Dimension]; Demands[0] is the depot's, always 0
	Weights []float64   // [Dimension*Dimension] row-major, symmetric, for EXPLICIT; nil otherwise
	Nodes   []int       // [Dimension] file node number (1-based) of each node; Nodes[0] is the depot
}

// ReadVRPLIBFile reads a .vrp file; errors name the file's base name.
func ReadVRPLIBFile(path string) (*VRPLIB, error) {
	return openFile(path, ReadVRPLIB)
}

// vrplibRaw holds sections in file numbering while reading.
type vrplibRaw struct {
	coords  []geo.Point
	demands []int64
	weights []float64
	depots  []int // 0-based file indices
	seen    map[string]int
}

// ReadVRPLIB reads a CVRP instance in VRPLIB format from r. name is used in
// errors, which read "name:line: SECTION: node k: problem". It checks that
// every node appears exactly once in each section, that there is exactly one
// depot and that the numbers are finite and non-negative, but not that the
// instance is feasible.
func ReadVRPLIB(r io.Reader, name string) (*VRPLIB, error) {
	l := newLines(r, name)
	v := &VRPLIB{}
	raw := vrplibRaw{seen: map[string]int{}}
	var comments []string
	sawEOF := false
	for !sawEOF && l.nextNonBlank() {
		key, val, _ := strings.Cut(l.text, ":")
		key = strings.ToUpper(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		if strings.HasSuffix(key, "_SECTION") || key == "EOF" {
			if val != "" {
				return nil, l.errorf("%s: unexpected value %q after the keyword", key, val)
			}
			if prev, ok := raw.seen[key]; ok {
				return nil, l.errorf("%s: repeated (first at line %d)", key, prev)
			}
			raw.seen[key] = l.n
			if key == "EOF" {
				sawEOF = true
				continue
			}
			if err := v.readSection(l, key, &raw); err != nil {
				return nil, err
			}
			continue
		}
		if key == "COMMENT" {
			comments = append(comments, strings.Trim(val, `"`))
			continue
		}
		if prev, ok := raw.seen[key]; ok {
			return nil, l.errorf("%s: repeated (first at line %d)", key, prev)
		}
		raw.seen[key] = l.n
		if err := v.readSpec(l, key, val); err != nil {
			return nil, err
		}
	}
	if l.err != nil {
		return nil, l.err
	}
	if sawEOF {
		for l.next() {
			if l.text != "" {
				return nil, l.errorf("unexpected data after EOF: %q", clip(l.text))
			}
		}
		if l.err != nil {
			return nil, l.err
		}
	}
	v.Comment = strings.Join(comments, "; ")
	if err := v.finish(name, &raw); err != nil {
		return nil, err
	}
	return v, nil
}

// readSpec stores one "KEY : value" line.
func (v *VRPLIB) readSpec(l *lines, key, val string) error {
	intVal := func(min int64) (int64, error) {
		x, err := parseInt(val)
		if err != nil {
			return 0, l.errorf("%s: %v", key, err)
		}
		if x < min {
			return 0, l.errorf("%s: must be >= %d, got %d", key, min, x)
		}
		return x, nil
	}
	floatVal := func() (float64, error) {
		x, err := parseFloat(val)
		if err != nil {
			return 0, l.errorf("%s: %v", key, err)
		}
		if x < 0 {
			return 0, l.errorf("%s: must be >= 0, got %g", key, x)
		}
		return x, nil
	}
	var err error
	switch key {
	case "NAME":
		v.Name = val
	case "TYPE":
		if val != "CVRP" {
			return l.errorf("TYPE: unsupported %q, want CVRP", clip(val))
		}
		v.Type = val
	case "DIMENSION":
		var x int64
		x, err = intVal(1)
		if err == nil && x > maxNodes {
			err = l.errorf("DIMENSION: %d exceeds the limit of %d nodes", x, maxNodes)
		}
		v.Dimension = int(x)
	case "CAPACITY":
		v.Capacity, err = intVal(1)
	case "VEHICLES":
		var x int64
		x, err = intVal(1)
		if err == nil && x > maxNodes {
			err = l.errorf("VEHICLES: %d exceeds the limit of %d", x, maxNodes)
		}
		v.Vehicles = int(x)
	case "DISTANCE":
		v.MaxDistance, err = floatVal()
	case "SERVICE_TIME":
		v.ServiceTime, err = floatVal()
	case "EDGE_WEIGHT_TYPE":
		switch val {
		case "EUC_2D", "CEIL_2D", "ATT", "MAN_2D", "MAX_2D", "EXPLICIT":
			v.EdgeWeightType = val
		default:
			return l.errorf("EDGE_WEIGHT_TYPE: unsupported %q", clip(val))
		}
	case "EDGE_WEIGHT_FORMAT":
		if _, ok := triangleOf(val); !ok && val != "FUNCTION" {
			return l.errorf("EDGE_WEIGHT_FORMAT: unsupported %q", clip(val))
		}
		v.EdgeWeightFormat = val
	case "NODE_COORD_TYPE":
		if val != "TWOD_COORDS" {
			return l.errorf("NODE_COORD_TYPE: unsupported %q, want TWOD_COORDS", clip(val))
		}
	case "DISPLAY_DATA_TYPE":
		if val != "COORD_DISPLAY" && val != "TWOD_DISPLAY" && val != "NO_DISPLAY" {
			return l.errorf("DISPLAY_DATA_TYPE: unsupported %q", clip(val))
		}
	default:
		return l.errorf("unknown keyword %q", clip(key))
	}
	return err
}

// maxNodes bounds DIMENSION so that garbage cannot make the reader allocate
// an enormous matrix.
const maxNodes = 100_000

// triangle describes which part of the matrix an EXPLICIT format lists, row
// by row: lower (j < i) or upper (j > i), with or without the diagonal.
type triangle struct {
	full, lower, diag bool
}

// triangleOf maps EDGE_WEIGHT_FORMAT to its triangle. A column-wise lower
// triangle lists the same numbers in the same order as a row-wise upper one.
func triangleOf(format string) (triangle, bool) {
	switch format {
	case "FULL_MATRIX":
		return triangle{full: true}, true
	case "LOWER_ROW", "UPPER_COL":
		return triangle{lower: true}, true
	case "UPPER_ROW", "LOWER_COL":
		return triangle{}, true
	case "LOWER_DIAG_ROW", "UPPER_DIAG_COL":
		return triangle{lower: true, diag: true}, true
	case "UPPER_DIAG_ROW", "LOWER_DIAG_COL":
		return triangle{diag: true}, true
	}
	return triangle{}, false
}

// readSection reads the body of a *_SECTION.
func (v *VRPLIB) readSection(l *lines, key string, raw *vrplibRaw) error {
	n := v.Dimension
	if n == 0 && key != "DEPOT_SECTION" {
		return l.errorf("%s: DIMENSION must come before the section", key)
	}
	switch key {
	case "NODE_COORD_SECTION":
		raw.coords = make([]geo.Point, n)
		return readNodeLines(l, key, n, 3, func(i int, f []string) error {
			for k := range 2 {
				x, err := parseFloat(f[1+k])
				if err != nil {
					return err
				}
				raw.coords[i][k] = x
			}
			return nil
		})
	case "DISPLAY_DATA_SECTION":
		return readNodeLines(l, key, n, 3, func(i int, f []string) error {
			for k := range 2 {
				if _, err := parseFloat(f[1+k]); err != nil {
					return err
				}
			}
			return nil
		})
	case "DEMAND_SECTION":
		raw.demands = make([]int64, n)
		return readNodeLines(l, key, n, 2, func(i int, f []string) error {
			d, err := parseInt(f[1])
			if err != nil {
				return err
			}
			if d < 0 {
				return fmt.Errorf("demand must be >= 0, got %d", d)
			}
			raw.demands[i] = d
			return nil
		})
	case "DEPOT_SECTION":
		return readDepots(l, n, raw)
	case "EDGE_WEIGHT_SECTION":
		return v.readWeights(l, raw)
	}
	return l.errorf("unsupported section %q", clip(key))
}

// readNodeLines reads exactly n lines "id field...", each with want fields
// and a distinct id in 1..n, and passes the 0-based id and fields to set.
func readNodeLines(l *lines, key string, n, want int, set func(i int, f []string) error) error {
	seen := make([]bool, n)
	for k := 0; k < n; k++ {
		if !l.nextNonBlank() {
			return l.eof("%s: expected %d nodes, got %d", key, n, k)
		}
		f := strings.Fields(l.text)
		id, err := strconv.Atoi(f[0])
		if err != nil {
			if isKeyword(f[0]) {
				return l.errorf("%s: expected %d nodes, got %d", key, n, k)
			}
			return l.errorf("%s: expected a node number, got %q", key, clip(f[0]))
		}
		if id < 1 || id > n {
			return l.errorf("%s: node %d: must be in 1..%d", key, id, n)
		}
		if seen[id-1] {
			return l.errorf("%s: node %d: repeated", key, id)
		}
		seen[id-1] = true
		if len(f) != want {
			return l.errorf("%s: node %d: expected %d fields, got %d", key, id, want, len(f))
		}
		if err := set(id-1, f); err != nil {
			return l.errorf("%s: node %d: %v", key, id, err)
		}
	}
	return nil
}

// isKeyword reports a token that looks like a TSPLIB keyword.
func isKeyword(s string) bool {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for _, c := range s {
		if (c < 'A' || c > 'Z') && c != '_' && (c < '0' || c > '9') && c != ':' {
			return false
		}
	}
	return true
}

// readDepots reads depot node numbers up to the terminating -1.
func readDepots(l *lines, n int, raw *vrplibRaw) error {
	t := newTokens(l)
	for {
		tok, ok := t.next()
		if !ok {
			return l.eof("DEPOT_SECTION: missing the terminating -1")
		}
		id, err := strconv.Atoi(tok)
		if err != nil {
			return t.errorf("DEPOT_SECTION: expected a node number or -1, got %q", clip(tok))
		}
		if id == -1 {
			if len(t.fields) > 0 {
				return t.errorf("DEPOT_SECTION: unexpected %q after -1", clip(t.fields[0]))
			}
			return nil
		}
		if n > 0 && (id < 1 || id > n) {
			return t.errorf("DEPOT_SECTION: node %d: must be in 1..%d", id, n)
		}
		if id < 1 {
			return t.errorf("DEPOT_SECTION: node %d: must be >= 1", id)
		}
		if len(raw.depots) >= 1 {
			return t.errorf("DEPOT_SECTION: node %d: only one depot is supported", id)
		}
		raw.depots = append(raw.depots, id-1)
	}
}

// readWeights reads EDGE_WEIGHT_SECTION into a full symmetric matrix (a
// FULL_MATRIX is kept as given, asymmetric or not).
func (v *VRPLIB) readWeights(l *lines, raw *vrplibRaw) error {
	const key = "EDGE_WEIGHT_SECTION"
	if v.EdgeWeightType != "EXPLICIT" {
		return l.errorf("%s: EDGE_WEIGHT_TYPE must be EXPLICIT before the section, got %q", key, v.EdgeWeightType)
	}
	tri, ok := triangleOf(v.EdgeWeightFormat)
	if !ok {
		if v.EdgeWeightFormat != "" {
			return l.errorf("%s: EDGE_WEIGHT_FORMAT %s lists no weights", key, v.EdgeWeightFormat)
		}
		return l.errorf("%s: EDGE_WEIGHT_FORMAT must come before the section", key)
	}
	n := v.Dimension
	// Cells (i, j) in the order the format lists them. Values are collected
	// first and the n×n matrix is made only once they are all there, so
	// that a large DIMENSION in a short file allocates nothing big.
	t := newTokens(l)
	var cells [][2]int32
	vals := make([]float64, 0, 1024)
	for i := range n {
		lo, hi := 0, n // columns j of row i, [lo, hi)
		switch {
		case tri.full:
		case tri.lower && tri.diag:
			hi = i + 1
		case tri.lower:
			hi = i
		case tri.diag:
			lo = i
		default:
			lo = i + 1
		}
		for j := lo; j < hi; j++ {
			tok, ok := t.next()
			if !ok {
				return l.eof("%s: missing weight (%d,%d)", key, i+1, j+1)
			}
			x, err := parseFloat(tok)
			if err != nil {
				return t.errorf("%s: weight (%d,%d): %v", key, i+1, j+1, err)
			}
			if x < 0 {
				return t.errorf("%s: weight (%d,%d): must be >= 0, got %g", key, i+1, j+1, x)
			}
			cells = append(cells, [2]int32{int32(i), int32(j)})
			vals = append(vals, x)
		}
	}
	if len(t.fields) > 0 {
		return t.errorf("%s: more weights than the %s of %d nodes holds, next %q", key, v.EdgeWeightFormat, n, clip(t.fields[0]))
	}
	w := make([]float64, n*n)
	for k, c := range cells {
		i, j := int(c[0]), int(c[1])
		w[i*n+j] = vals[k]
		if !tri.full {
			w[j*n+i] = vals[k]
		}
	}
	raw.weights = w
	return nil
}

// finish checks that the parts fit together and renumbers nodes so that
// the depot is node 0.
func (v *VRPLIB) finish(name string, raw *vrplibRaw) error {
	fail := func(format string, args ...any) error {
		return &ParseError{Name: name, Msg: fmt.Sprintf(format, args...)}
	}
	switch {
	case v.Dimension == 0:
		return fail("missing DIMENSION")
	case v.Type == "":
		return fail("missing TYPE")
	case v.Capacity == 0:
		return fail("missing CAPACITY")
	case v.EdgeWeightType == "":
		return fail("missing EDGE_WEIGHT_TYPE")
	case raw.demands == nil:
		return fail("missing DEMAND_SECTION")
	case len(raw.depots) == 0:
		return fail("missing DEPOT_SECTION")
	case v.EdgeWeightType == "EXPLICIT" && raw.weights == nil:
		return fail("missing EDGE_WEIGHT_SECTION for EDGE_WEIGHT_TYPE EXPLICIT")
	case v.EdgeWeightType != "EXPLICIT" && raw.coords == nil:
		return fail("missing NODE_COORD_SECTION for EDGE_WEIGHT_TYPE %s", v.EdgeWeightType)
	case raw.depots[0] >= v.Dimension:
		return fail("DEPOT_SECTION: node %d: must be in 1..%d", raw.depots[0]+1, v.Dimension)
	}
	if d := raw.demands[raw.depots[0]]; d != 0 {
		return fail("DEMAND_SECTION: depot node %d: demand must be 0, got %d", raw.depots[0]+1, d)
	}
	n := v.Dimension
	order := make([]int, 0, n) // new index → file index
	order = append(order, raw.depots[0])
	for i := range n {
		if i != raw.depots[0] {
			order = append(order, i)
		}
	}
	v.Nodes = make([]int, n)
	v.Demands = make([]int64, n)
	for k, i := range order {
		v.Nodes[k] = i + 1
		v.Demands[k] = raw.demands[i]
	}
	if raw.coords != nil {
		v.Coords = make([]geo.Point, n)
		for k, i := range order {
			v.Coords[k] = raw.coords[i]
		}
	}
	if raw.weights != nil {
		v.Weights = make([]float64, n*n)
		for a, i := range order {
			for b, j := range order {
				v.Weights[a*n+b] = raw.weights[i*n+j]
			}
		}
	}
	return nil
}

// Customers returns the number of customers, Dimension-1.
func (v *VRPLIB) Customers() int { return v.Dimension - 1 }

// Distances returns the Dimension×Dimension row-major distance matrix in
// node numbering (0 = depot). For EUC_2D, r chooses the convention: geo.Nint
// is TSPLIB's and CVRPLIB's for A, B, P and X, geo.Exact the one for CMT
// and Golden (see RoundingFor). The other types follow their TSPLIB
// definitions and ignore r: CEIL_2D rounds up, ATT is the pseudo-Euclidean
// distance, MAN_2D and MAX_2D are nint of the Manhattan and maximum metrics,
// and EXPLICIT returns a copy of Weights.
func (v *VRPLIB) Distances(r geo.Rounding) []float64 {
	n := v.Dimension
	if v.EdgeWeightType == "EXPLICIT" {
		return slices.Clone(v.Weights)
	}
	if v.EdgeWeightType == "EUC_2D" {
		return euclidean(v.Coords, r)
	}
	d := make([]float64, n*n)
	for i := range n {
		for j := i + 1; j < n; j++ {
			dx := math.Abs(v.Coords[i][0] - v.Coords[j][0])
			dy := math.Abs(v.Coords[i][1] - v.Coords[j][1])
			var x float64
			switch v.EdgeWeightType {
			case "CEIL_2D":
				x = math.Ceil(math.Sqrt(dx*dx + dy*dy))
			case "ATT":
				rij := math.Sqrt((dx*dx + dy*dy) / 10)
				x = math.Floor(rij + 0.5)
				if x < rij {
					x++
				}
			case "MAN_2D":
				x = math.Floor(dx + dy + 0.5)
			case "MAX_2D":
				x = max(math.Floor(dx+0.5), math.Floor(dy+0.5))
			}
			d[i*n+j], d[j*n+i] = x, x
		}
	}
	return d
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}
