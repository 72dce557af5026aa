package datasets

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// SINTEFSolution is a solution in the format SINTEF TOP publishes for the
// Li & Lim and Gehring & Homberger benchmarks: header lines "Instance name
// :", "Authors :", "Date :", "Reference :", a line "Solution", then one
// line "Route k : t1 t2 ..." per route with task indices, the depot
// implicit at both ends.
type SINTEFSolution struct {
	Instance, Authors, Date, Reference string
	Routes                             [][]int
}

// ReadSINTEFFile reads a SINTEF solution file; errors name the file's base
// name.
func ReadSINTEFFile(path string) (*SINTEFSolution, error) {
	return openFile(path, ReadSINTEF)
}

// ReadSINTEF reads a SINTEF solution from r; name is used in errors. Route
// numbers must run 1, 2, 3, ... in order. It does not check the routes
// against an instance: see LiLim.Check.
func ReadSINTEF(r io.Reader, name string) (*SINTEFSolution, error) {
	l := newLines(r, name)
	s := &SINTEFSolution{}
	inRoutes := false
	for l.nextNonBlank() {
		if !inRoutes {
			if l.text == "Solution" {
				inRoutes = true
				continue
			}
			key, val, ok := strings.Cut(l.text, ":")
			if !ok {
				return nil, l.errorf("expected a header line \"Key : value\" or \"Solution\", got %q", clip(l.text))
			}
			val = strings.TrimSpace(val)
			switch strings.TrimSpace(key) {
			case "Instance name":
				s.Instance = val
			case "Authors":
				s.Authors = val
			case "Date":
				s.Date = val
			case "Reference":
				s.Reference = val
			default:
				return nil, l.errorf("unknown header %q", clip(strings.TrimSpace(key)))
			}
			continue
		}
		label, tasks, ok := strings.Cut(l.text, ":")
		num, found := strings.CutPrefix(strings.TrimSpace(label), "Route ")
		if !ok || !found {
			return nil, l.errorf("expected \"Route k : tasks\", got %q", clip(l.text))
		}
		k, err := strconv.Atoi(strings.TrimSpace(num))
		if err != nil || k != len(s.Routes)+1 {
			return nil, l.errorf("route %q: expected route %d", clip(num), len(s.Routes)+1)
		}
		f := strings.Fields(tasks)
		route := make([]int, len(f))
		for i, tok := range f {
			c, err := strconv.Atoi(tok)
			if err != nil || c < 1 {
				return nil, l.errorf("route %d: expected a task index >= 1, got %q", k, clip(tok))
			}
			route[i] = c
		}
		s.Routes = append(s.Routes, route)
	}
	if l.err != nil {
		return nil, l.err
	}
	if !inRoutes {
		return nil, l.eof("missing the line \"Solution\"")
	}
	return s, nil
}

// WriteSINTEF writes s in SINTEF's format, empty routes left out and the
// rest numbered from 1.
func WriteSINTEF(w io.Writer, s *SINTEFSolution) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "Instance name : %s\nAuthors       : %s\nDate          : %s\nReference     : %s\nSolution\n",
		s.Instance, s.Authors, s.Date, s.Reference)
	k := 0
	for _, route := range s.Routes {
		if len(route) == 0 {
			continue
		}
		k++
		fmt.Fprintf(bw, "Route %d :", k)
		for _, c := range route {
			bw.WriteByte(' ')
			bw.WriteString(strconv.Itoa(c))
		}
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// HierBKS is a best-known value under the hierarchical objective of the
// Li & Lim and SINTEF tables: fewest vehicles first, then distance.
type HierBKS struct {
	Instance string
	Vehicles int
	Distance float64
	Source   string
}

// ReadHierBKS reads a bks.csv with the columns
// instance,vehicles,distance,source (the Li & Lim set's) and returns its
// rows by instance; name is used in errors.
func ReadHierBKS(r io.Reader, name string) (map[string]HierBKS, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 4
	head, err := cr.Read()
	if err != nil {
		return nil, &ParseError{Name: name, Line: 1, Msg: fmt.Sprintf("expected the header: %v", err)}
	}
	if strings.Join(head, ",") != "instance,vehicles,distance,source" {
		return nil, &ParseError{Name: name, Line: 1, Msg: fmt.Sprintf("expected the header instance,vehicles,distance,source, got %q", strings.Join(head, ","))}
	}
	out := map[string]HierBKS{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return out, nil
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			return nil, &ParseError{Name: name, Line: line, Msg: err.Error()}
		}
		v, err1 := strconv.Atoi(rec[1])
		d, err2 := parseFloat(rec[2])
		if err1 != nil || v < 1 || err2 != nil || d < 0 {
			return nil, &ParseError{Name: name, Line: line, Msg: fmt.Sprintf("expected vehicles >= 1 and distance >= 0, got %q and %q", rec[1], rec[2])}
		}
		if _, dup := out[rec[0]]; dup {
			return nil, &ParseError{Name: name, Line: line, Msg: fmt.Sprintf("instance %q listed twice", rec[0])}
		}
		out[rec[0]] = HierBKS{Instance: rec[0], Vehicles: v, Distance: d, Source: rec[3]}
	}
}
