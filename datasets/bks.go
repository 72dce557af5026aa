package datasets

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// BKS is one row of a set's bks.csv: the best-known (or optimal) objective
// value of an instance under the set's convention.
type BKS struct {
	Instance    string  // file stem; for GAP the path under gap/instances/
	N           int     // customers (CVRP, VRPTW) or jobs (GAP)
	CapacityOrK float64 // vehicle capacity (CVRP, VRPTW) or number of agents (GAP)
	Value       float64 // the best-known objective value
	Optimal     bool    // proven optimal
	Source      string  // where the value came from
}

// bksColumns are the columns every bks.csv has, in this order.
var bksColumns = [...]string{"instance", "n", "capacity_or_k", "bks", "optimal", "source"}

// ReadBKS reads the bks.csv index at path and returns its rows by
// instance.
func ReadBKS(path string) (map[string]BKS, error) {
	return openFile(path, ReadBKSFrom)
}

// ReadBKSFrom reads a bks.csv index from r (columns
// instance,n,capacity_or_k,bks,optimal,source) and returns its rows by
// instance; name is used in errors.
func ReadBKSFrom(r io.Reader, name string) (map[string]BKS, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = len(bksColumns)
	head, err := cr.Read()
	if err == io.EOF {
		return nil, &ParseError{Name: name, Msg: "empty file, expected the header"}
	}
	if err != nil {
		return nil, bksErr(name, 1, err)
	}
	for i, c := range bksColumns {
		if strings.TrimSpace(head[i]) != c {
			return nil, &ParseError{Name: name, Line: 1, Msg: fmt.Sprintf("column %d: expected %q, got %q", i+1, c, clip(head[i]))}
		}
	}
	out := map[string]BKS{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, bksErr(name, 0, err)
		}
		line, _ := cr.FieldPos(0) // valid only after a successful Read

		fail := func(format string, args ...any) (map[string]BKS, error) {
			return nil, &ParseError{Name: name, Line: line, Msg: fmt.Sprintf(format, args...)}
		}
		b := BKS{Instance: rec[0], Source: rec[5]}
		if b.Instance == "" {
			return fail("instance: empty")
		}
		if b.N, err = strconv.Atoi(rec[1]); err != nil || b.N < 0 {
			return fail("%s: n: expected a non-negative integer, got %q", b.Instance, clip(rec[1]))
		}
		if b.CapacityOrK, err = parseFloat(rec[2]); err != nil {
			return fail("%s: capacity_or_k: %v", b.Instance, err)
		}
		if b.Value, err = parseFloat(rec[3]); err != nil {
			return fail("%s: bks: %v", b.Instance, err)
		}
		switch rec[4] {
		case "yes":
			b.Optimal = true
		case "no":
		default:
			return fail("%s: optimal: expected yes or no, got %q", b.Instance, clip(rec[4]))
		}
		if _, dup := out[b.Instance]; dup {
			return fail("%s: repeated", b.Instance)
		}
		out[b.Instance] = b
	}
}

// bksErr turns a csv error into a ParseError at its line.
func bksErr(name string, line int, err error) error {
	if pe, ok := err.(*csv.ParseError); ok {
		return &ParseError{Name: name, Line: pe.Line, Msg: pe.Err.Error()}
	}
	return fmt.Errorf("reading %s: %w", name, err)
}
