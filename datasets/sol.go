package datasets

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Solution is a CVRPLIB solution file (.sol): one line "Route #k: c1 c2 ..."
// per route, customers numbered 1..n with the depot implicit at both ends,
// then "Cost <value>". The same format serves the Solomon and
// Gehring–Homberger sets, where customer c is CUST NO. c.
type Solution struct {
	Routes [][]int // customer numbers 1..n, in visiting order
	Cost   float64
}

// ReadSolutionFile reads a .sol file; errors name the file's base name.
func ReadSolutionFile(path string) (*Solution, error) {
	return openFile(path, ReadSolution)
}

// ReadSolution reads a CVRPLIB solution from r; name is used in errors.
// Route numbers must run 1, 2, 3, ... in order and the Cost line must be
// present. It does not check the routes against an instance: see
// VRPLIB.Check and Solomon.Check.
func ReadSolution(r io.Reader, name string) (*Solution, error) {
	l := newLines(r, name)
	s := &Solution{}
	sawCost := false
	for l.nextNonBlank() {
		if sawCost {
			return nil, l.errorf("unexpected data after the Cost line: %q", clip(l.text))
		}
		head, rest, _ := strings.Cut(l.text, " ")
		switch head {
		case "Route":
			label, custs, ok := strings.Cut(rest, ":")
			if !ok {
				return nil, l.errorf("route line: missing ':' after the route number")
			}
			k, err := strconv.Atoi(strings.TrimPrefix(strings.TrimSpace(label), "#"))
			if err != nil || !strings.HasPrefix(strings.TrimSpace(label), "#") {
				return nil, l.errorf("route line: expected \"Route #k:\", got %q", clip(l.text))
			}
			if k != len(s.Routes)+1 {
				return nil, l.errorf("route #%d: expected route #%d", k, len(s.Routes)+1)
			}
			f := strings.Fields(custs)
			route := make([]int, len(f))
			for i, tok := range f {
				c, err := strconv.Atoi(tok)
				if err != nil {
					return nil, l.errorf("route #%d: expected a customer number, got %q", k, clip(tok))
				}
				if c < 1 {
					return nil, l.errorf("route #%d: customer %d: must be >= 1", k, c)
				}
				route[i] = c
			}
			s.Routes = append(s.Routes, route)
		case "Cost", "cost":
			c, err := parseFloat(strings.TrimSpace(rest))
			if err != nil {
				return nil, l.errorf("Cost: %v", err)
			}
			s.Cost = c
			sawCost = true
		default:
			return nil, l.errorf("expected \"Route #k:\" or \"Cost\", got %q", clip(l.text))
		}
	}
	if l.err != nil {
		return nil, l.err
	}
	if !sawCost {
		return nil, l.eof("missing the Cost line")
	}
	return s, nil
}

// WriteSolution writes s in the CVRPLIB format, the cost with the fewest
// digits that read back to the same float64 (round it first to publish a
// set's precision).
func WriteSolution(w io.Writer, s *Solution) error {
	bw := bufio.NewWriter(w)
	for k, route := range s.Routes {
		fmt.Fprintf(bw, "Route #%d:", k+1)
		for _, c := range route {
			bw.WriteByte(' ')
			bw.WriteString(strconv.Itoa(c))
		}
		bw.WriteByte('\n')
	}
	fmt.Fprintf(bw, "Cost %s\n", strconv.FormatFloat(s.Cost, 'f', -1, 64))
	return bw.Flush()
}
