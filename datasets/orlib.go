package datasets

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// GAP is a generalized assignment problem in OR-Library form: assign every
// job to exactly one agent, within each agent's capacity, at least total
// cost (the OR-Library files were also used as maximisation problems; the
// bks.csv values are minima).
type GAP struct {
	Name     string
	Agents   int       // m
	Jobs     int       // n
	Cost     [][]int64 // [agent][job]
	Weight   [][]int64 // [agent][job] capacity used by the job on the agent
	Capacity []int64   // [agent]
}

// ReadGAPFile reads a one-problem GAP file; errors name the file's base
// name.
func ReadGAPFile(path string) (*GAP, error) {
	return openFile(path, ReadGAP)
}

// ReadORLibGAPFile reads an OR-Library multi-problem GAP file (gap1.txt ..
// gapd.txt); problem i (0-based) is named "<stem>-<i>", e.g. "gap1-0".
func ReadORLibGAPFile(path string) ([]*GAP, error) {
	return openFile(path, ReadORLibGAP)
}

// ReadGAP reads one GAP problem from r: "m n", the m×n cost matrix, the m×n
// weight matrix and the m capacities, as whitespace-separated integers in
// any line layout. name is used in errors and as the problem's name.
func ReadGAP(r io.Reader, name string) (*GAP, error) {
	t := newTokens(newLines(r, name))
	g, err := readGAP(t, "")
	if err != nil {
		return nil, err
	}
	if err := gapEnd(t); err != nil {
		return nil, err
	}
	g.Name = name
	return g, nil
}

// ReadORLibGAP reads an OR-Library GAP file from r: the number of problems,
// then that many problems as ReadGAP reads them. name is used in errors and,
// without its extension, as the stem of the problems' names.
func ReadORLibGAP(r io.Reader, name string) ([]*GAP, error) {
	t := newTokens(newLines(r, name))
	p, err := gapInt(t, "number of problems", 1, 10_000)
	if err != nil {
		return nil, err
	}
	stem := strings.TrimSuffix(name, filepath.Ext(name))
	var gs []*GAP
	for i := range int(p) {
		g, err := readGAP(t, fmt.Sprintf("problem %d: ", i+1))
		if err != nil {
			return nil, err
		}
		g.Name = fmt.Sprintf("%s-%d", stem, i)
		gs = append(gs, g)
	}
	if err := gapEnd(t); err != nil {
		return nil, err
	}
	return gs, nil
}

// gapInt reads one integer token in [lo, hi].
func gapInt(t *tokens, what string, lo, hi int64) (int64, error) {
	tok, ok := t.next()
	if !ok {
		return 0, t.l.eof("missing %s", what)
	}
	x, err := parseInt(tok)
	if err != nil {
		return 0, t.errorf("%s: %v", what, err)
	}
	if x < lo || x > hi {
		return 0, t.errorf("%s: must be in %d..%d, got %d", what, lo, hi, x)
	}
	return x, nil
}

// gapEnd fails when tokens remain.
func gapEnd(t *tokens) error {
	if tok, ok := t.next(); ok {
		return t.errorf("unexpected data after the last problem: %q", clip(tok))
	}
	return t.l.err
}

// readGAP reads one problem; prefix ("problem 3: ") starts its errors.
func readGAP(t *tokens, prefix string) (*GAP, error) {
	const big = 1 << 53
	m, err := gapInt(t, prefix+"number of agents", 1, maxNodes)
	if err != nil {
		return nil, err
	}
	n, err := gapInt(t, prefix+"number of jobs", 1, maxNodes)
	if err != nil {
		return nil, err
	}
	g := &GAP{Agents: int(m), Jobs: int(n)}
	// Rows are allocated as their numbers arrive, so that a large header in
	// a short file allocates nothing big.
	matrix := func(what string, lo int64) ([][]int64, error) {
		var a [][]int64
		for i := range g.Agents {
			row := make([]int64, 0, min(g.Jobs, 4096))
			for j := range g.Jobs {
				tok, ok := t.next()
				if !ok {
					return nil, t.l.eof("missing %s%s[%d][%d]", prefix, what, i, j)
				}
				x, err := parseInt(tok)
				if err == nil && (x < lo || x > big) {
					err = fmt.Errorf("must be in %d..%d, got %d", lo, int64(big), x)
				}
				if err != nil {
					return nil, t.errorf("%s%s[%d][%d]: %v", prefix, what, i, j, err)
				}
				row = append(row, x)
			}
			a = append(a, row)
		}
		return a, nil
	}
	if g.Cost, err = matrix("cost", -big); err != nil {
		return nil, err
	}
	if g.Weight, err = matrix("weight", 0); err != nil {
		return nil, err
	}
	for i := range g.Agents {
		c, err := gapInt(t, fmt.Sprintf("%scapacity[%d]", prefix, i), 0, big)
		if err != nil {
			return nil, err
		}
		g.Capacity = append(g.Capacity, c)
	}
	return g, nil
}

// Check returns the cost of assigning job j to agent assign[j], or an error
// when assign has the wrong length, names no agent, or overloads an agent.
func (g *GAP) Check(assign []int) (int64, error) {
	if len(assign) != g.Jobs {
		return 0, fmt.Errorf("assignment: expected %d jobs, got %d", g.Jobs, len(assign))
	}
	load := make([]int64, g.Agents)
	var cost int64
	for j, i := range assign {
		if i < 0 || i >= g.Agents {
			return 0, fmt.Errorf("job %d: agent %d: must be in 0..%d", j, i, g.Agents-1)
		}
		load[i] += g.Weight[i][j]
		cost += g.Cost[i][j]
	}
	for i, w := range load {
		if w > g.Capacity[i] {
			return 0, fmt.Errorf("agent %d: load %d exceeds the capacity %d", i, w, g.Capacity[i])
		}
	}
	return cost, nil
}
