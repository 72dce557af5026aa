package datasets

import (
	"io"
	"strconv"
	"strings"

	"fulfil/geo"
)

// Solomon is a vehicle routing instance with time windows in the text
// format of Solomon (1987) and Gehring & Homberger (1999).
//
// Customers[0] is the depot (CUST NO. 0) and Customers[c] is customer c, as
// numbered in CVRPLIB .sol files. The benchmark convention (CVRPLIB,
// DIMACS) measures distance and travel time alike as the Euclidean distance
// truncated to one decimal: Distances(geo.Trunc1).
type Solomon struct {
	Name      string
	Vehicles  int   // VEHICLE NUMBER: the fleet available
	Capacity  int64 // VEHICLE CAPACITY
	Customers []SolomonCustomer
}

// SolomonCustomer is one row of the CUSTOMER table. Times are in the
// instance's time unit, the same as distance.
type SolomonCustomer struct {
	X, Y    float64
	Demand  int64
	Ready   float64 // READY TIME: earliest start of service
	Due     float64 // DUE DATE: latest start of service (for the depot: latest return)
	Service float64 // SERVICE TIME
}

// ReadSolomonFile reads a Solomon-format .txt file; errors name the file's
// base name.
func ReadSolomonFile(path string) (*Solomon, error) {
	return openFile(path, ReadSolomon)
}

// ReadSolomon reads a Solomon-format instance from r; name is used in
// errors. CRLF line ends and any spacing are accepted. The CUSTOMER rows
// must be numbered 0, 1, 2, ... in order; row 0, the depot, must have zero
// demand.
func ReadSolomon(r io.Reader, name string) (*Solomon, error) {
	l := newLines(r, name)
	s := &Solomon{}
	expect := func(what string, ok func(string) bool) error {
		if !l.nextNonBlank() {
			return l.eof("expected %s", what)
		}
		if !ok(strings.ToUpper(l.text)) {
			return l.errorf("expected %s, got %q", what, clip(l.text))
		}
		return nil
	}
	if !l.nextNonBlank() {
		return nil, l.eof("expected the instance name")
	}
	s.Name = l.text
	if err := expect("VEHICLE", func(t string) bool { return t == "VEHICLE" }); err != nil {
		return nil, err
	}
	if err := expect("the NUMBER CAPACITY header", func(t string) bool {
		f := strings.Fields(t)
		return len(f) == 2 && f[0] == "NUMBER" && f[1] == "CAPACITY"
	}); err != nil {
		return nil, err
	}
	if !l.nextNonBlank() {
		return nil, l.eof("expected the vehicle number and capacity")
	}
	f := strings.Fields(l.text)
	if len(f) != 2 {
		return nil, l.errorf("VEHICLE: expected 2 fields (number, capacity), got %d", len(f))
	}
	nv, err := parseInt(f[0])
	if err != nil || nv < 1 || nv > maxNodes {
		return nil, l.errorf("VEHICLE: NUMBER: expected an integer in 1..%d, got %q", maxNodes, clip(f[0]))
	}
	s.Vehicles = int(nv)
	if s.Capacity, err = parseInt(f[1]); err != nil || s.Capacity < 1 {
		return nil, l.errorf("VEHICLE: CAPACITY: expected a positive integer, got %q", clip(f[1]))
	}
	if err := expect("CUSTOMER", func(t string) bool { return t == "CUSTOMER" }); err != nil {
		return nil, err
	}
	if err := expect("the CUST NO. header", func(t string) bool { return strings.HasPrefix(t, "CUST") }); err != nil {
		return nil, err
	}
	for l.nextNonBlank() {
		c, err := solomonRow(l, len(s.Customers))
		if err != nil {
			return nil, err
		}
		s.Customers = append(s.Customers, c)
	}
	if l.err != nil {
		return nil, l.err
	}
	if len(s.Customers) == 0 {
		return nil, l.eof("CUSTOMER: missing the depot row 0")
	}
	return s, nil
}

// solomonRow parses the CUSTOMER row that should be customer k.
func solomonRow(l *lines, k int) (SolomonCustomer, error) {
	var c SolomonCustomer
	f := strings.Fields(l.text)
	id, err := strconv.Atoi(f[0])
	if err != nil {
		return c, l.errorf("CUSTOMER: expected a customer number, got %q", clip(f[0]))
	}
	if id != k {
		return c, l.errorf("CUSTOMER: customer %d: expected customer %d (rows numbered 0, 1, 2, ...)", id, k)
	}
	if len(f) != 7 {
		return c, l.errorf("CUSTOMER: customer %d: expected 7 fields, got %d", id, len(f))
	}
	names := [...]string{"XCOORD", "YCOORD", "DEMAND", "READY TIME", "DUE DATE", "SERVICE TIME"}
	var x [6]float64
	for i := range x {
		if i == 2 {
			d, err := parseInt(f[3])
			if err != nil {
				return c, l.errorf("CUSTOMER: customer %d: DEMAND: %v", id, err)
			}
			c.Demand = d
			continue
		}
		if x[i], err = parseFloat(f[1+i]); err != nil {
			return c, l.errorf("CUSTOMER: customer %d: %s: %v", id, names[i], err)
		}
	}
	c.X, c.Y, c.Ready, c.Due, c.Service = x[0], x[1], x[3], x[4], x[5]
	switch {
	case c.Demand < 0:
		return c, l.errorf("CUSTOMER: customer %d: DEMAND: must be >= 0, got %d", id, c.Demand)
	case id == 0 && c.Demand != 0:
		return c, l.errorf("CUSTOMER: depot 0: DEMAND: must be 0, got %d", c.Demand)
	case c.Ready < 0:
		return c, l.errorf("CUSTOMER: customer %d: READY TIME: must be >= 0, got %g", id, c.Ready)
	case c.Due < c.Ready:
		return c, l.errorf("CUSTOMER: customer %d: DUE DATE: must be >= READY TIME %g, got %g", id, c.Ready, c.Due)
	case c.Service < 0:
		return c, l.errorf("CUSTOMER: customer %d: SERVICE TIME: must be >= 0, got %g", id, c.Service)
	}
	return c, nil
}

// Coords returns the customers' coordinates, the depot first.
func (s *Solomon) Coords() []geo.Point {
	p := make([]geo.Point, len(s.Customers))
	for i, c := range s.Customers {
		p[i] = geo.Point{c.X, c.Y}
	}
	return p
}

// Distances returns the row-major matrix of Euclidean distances between
// customers (0 = depot) rounded by r. The benchmark convention is
// geo.Trunc1, used for travel times too; the SINTEF hierarchical results
// use geo.Exact.
func (s *Solomon) Distances(r geo.Rounding) []float64 {
	return euclidean(s.Coords(), r)
}
