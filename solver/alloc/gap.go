package alloc

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"time"

	"fulfil/solver"
)

// GAPInput is a generalized assignment problem: assign every job to exactly
// one agent so that the weights on each agent fit its capacity, at least
// total cost. It is single sourcing: jobs are pickup points, agents
// warehouses. Matrices are [agent][job].
type GAPInput struct {
	Cost     [][]int64 `json:"cost"`
	Weight   [][]int64 `json:"weight"`
	Capacity []int64   `json:"capacity"`
}

// GAPOutput is an assignment with its cost and a lower bound.
type GAPOutput struct {
	Cost       int64 `json:"cost"`
	Assignment []int `json:"assignment"` // agent per job
	// LowerBound is the best proven bound: the Lagrangian bound rounded up,
	// or Cost when branch and bound proved the assignment optimal.
	LowerBound int64        `json:"lower_bound"`
	Gap        float64      `json:"gap"` // (Cost − LowerBound) / LowerBound; 0 when optimal
	Optimal    bool         `json:"optimal"`
	Stats      solver.Stats `json:"stats"`
}

// GAPOptions tune SolveGAP.
type GAPOptions struct {
	// TimeLimitS bounds the solve in seconds. 0: only ctx and Iterations
	// limit it.
	TimeLimitS float64 `json:"time_limit_s,omitempty"`
	// Iterations caps the tabu iterations of each thread; with a cap (and no
	// deadline reached) the result depends only on input, seed and threads.
	// 0: unlimited.
	Iterations int64 `json:"iterations,omitempty"`
	// ExactNodes caps the branch-and-bound nodes tried on small problems
	// (at most ExactMaxCells = agents × jobs). 0: no branch and bound.
	ExactNodes int64  `json:"exact_nodes,omitempty"`
	Seed       uint64 `json:"seed,omitempty"`
	Threads    int    `json:"threads,omitempty"` // tabu searches in parallel; 0: GOMAXPROCS
}

// ExactMaxCells is the largest agents × jobs that SolveGAP tries to solve
// exactly by branch and bound.
const ExactMaxCells = 1000

// DefaultGAPOptions returns the tuned set: 10 s, unlimited iterations,
// branch and bound on small problems for up to 2·10^6 nodes.
func DefaultGAPOptions() GAPOptions {
	return GAPOptions{TimeLimitS: 10, ExactNodes: 2_000_000}
}

// TimeLimit returns TimeLimitS as a duration; 0: no limit.
func (o GAPOptions) TimeLimit() time.Duration { return solver.Seconds(o.TimeLimitS) }

// Validate reports options that cannot be used.
func (o GAPOptions) Validate() error {
	var v solver.Violations
	solver.CheckTimeLimit(&v, "time_limit_s", o.TimeLimitS)
	if o.Iterations < 0 {
		v.Add("iterations", "must be >= 0, got %d", o.Iterations)
	}
	if o.ExactNodes < 0 {
		v.Add("exact_nodes", "must be >= 0, got %d", o.ExactNodes)
	}
	if o.Threads < 0 {
		v.Add("threads", "must be >= 0, got %d", o.Threads)
	}
	if o.TimeLimitS == 0 && o.Iterations == 0 {
		v.Add("iterations", "must be > 0 when time_limit_s is 0")
	}
	return v.Err()
}

// ErrNoAssignment: the search found no assignment within the capacities
// (the problem may be infeasible).
var ErrNoAssignment = errors.New("alloc: no feasible assignment found")

// validateGAP checks shapes and signs, naming the field.
func validateGAP(in *GAPInput) error {
	var v solver.Violations
	m := len(in.Capacity)
	if m == 0 {
		v.Add("capacity", "must list at least one agent")
	}
	n := -1
	for _, f := range []struct {
		name string
		mat  [][]int64
	}{{"cost", in.Cost}, {"weight", in.Weight}} {
		name, mat := f.name, f.mat
		if len(mat) != m {
			v.Add(name, "has %d rows, want %d (one per agent, as capacity)", len(mat), m)
			continue
		}
		for i, row := range mat {
			if n < 0 {
				n = len(row)
			}
			if len(row) != n {
				v.Add(fmt.Sprintf("%s[%d]", name, i), "has %d columns, want %d (one per job)", len(row), n)
				continue
			}
			for j, x := range row {
				if x < 0 || x > maxMoney {
					v.Add(fmt.Sprintf("%s[%d][%d]", name, i, j), "must be in [0, %d], got %d", maxMoney, x)
				}
			}
		}
	}
	for i, b := range in.Capacity {
		if b < 0 || b > maxMoney {
			v.Add(fmt.Sprintf("capacity[%d]", i), "must be in [0, %d], got %d", maxMoney, b)
		}
	}
	if n == 0 {
		v.Add("cost", "must list at least one job")
	}
	return v.Err()
}

// gapModel is the dense GAP: c and w are [i*n+j]. Index names: i agent,
// j job.
type gapModel struct {
	m, n int
	c, w []int64
	b    []int64
}

func compileGAP(in *GAPInput) *gapModel {
	m, n := len(in.Capacity), len(in.Cost[0])
	g := &gapModel{m: m, n: n, c: make([]int64, m*n), w: make([]int64, m*n), b: append([]int64(nil), in.Capacity...)}
	for i := range m {
		copy(g.c[i*n:], in.Cost[i])
		copy(g.w[i*n:], in.Weight[i])
	}
	return g
}

// SolveGAP assigns jobs to agents at least cost within capacities. The flow
// (gap_*.go): a Lagrangian relaxation of the capacities, solved by
// subgradient, gives the bound and guides a constructive heuristic with
// repair and descent (gap_lagrange.go); on small problems a branch and
// bound with the Lagrangian bound of the assignment constraints (0-1
// knapsacks by dynamic programming) then solves the problem exactly
// (gap_bnb.go); otherwise, or when its node budget runs out, tabu searches
// with strategic oscillation over shifts, swaps and ejection chains, one
// per thread with its own seed, improve the best assignment (gap_tabu.go).
// The search stops early when the cost meets the bound.
//
// The assignment is rechecked by CheckGAP before it is returned: one that
// fails is an error wrapping ErrCheck. A panic in the search or a worker is
// returned as a *solver.PanicError.
func SolveGAP(ctx context.Context, in *GAPInput, opt GAPOptions) (_ *GAPOutput, err error) {
	defer solver.Recover(&err)
	start := time.Now()
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	if err := validateGAP(in); err != nil {
		return nil, err
	}
	ctx, cancel := solver.WithTimeLimit(ctx, opt.TimeLimit())
	defer cancel()
	g := compileGAP(in)
	threads := opt.Threads
	if threads == 0 {
		threads = runtime.GOMAXPROCS(0)
	}
	stats := solver.Stats{Stop: solver.StopIterations, Seed: opt.Seed, Threads: threads}

	lr := g.capacityRelaxation(ctx)
	best := lr.best // nil when no feasible assignment was built
	lb := int64(math.Ceil(lr.bound - 1e-7))
	optimal := best != nil && g.cost(best) <= lb

	// runTabu improves best by tabu searches, one per thread, of at most
	// iters iterations each (0: unlimited).
	runTabu := func(iters int64) {
		res := make([]tabuResult, threads)
		var wg solver.Group
		for t := range threads {
			wg.Go(func() {
				res[t] = g.tabu(ctx, best, lr.lambda, lb, opt.Seed, uint64(t), iters)
			})
		}
		wg.Join()
		for _, r := range res {
			stats.Iterations += r.iterations
			if r.best != nil && (best == nil || g.cost(r.best) < g.cost(best)) {
				best = r.best
			}
		}
		optimal = best != nil && g.cost(best) <= lb
	}
	iters := opt.Iterations
	if !optimal && opt.ExactNodes > 0 && g.m*g.n <= ExactMaxCells && ctx.Err() == nil {
		// A short tabu run first: branch and bound proves far faster from
		// a good incumbent.
		first := int64(20 * g.n)
		if iters > 0 {
			first = min(first, iters)
			iters -= first
		}
		runTabu(first)
		if !optimal && ctx.Err() == nil {
			// Branch and bound gets at most 40 % of the time left, so that
			// a problem it cannot close still gets a long tabu search.
			bctx, bcancel := ctx, context.CancelFunc(func() {})
			if dl, ok := ctx.Deadline(); ok {
				bctx, bcancel = context.WithDeadline(ctx, time.Now().Add(time.Until(dl)*2/5))
			}
			bb := g.branchAndBound(bctx, best, opt.ExactNodes, 400)
			bcancel()
			stats.Iterations += bb.nodes
			if bb.best != nil {
				best = bb.best
			}
			lb = max(lb, bb.bound)
			optimal = bb.proved
		}
		if !optimal && ctx.Err() == nil && (opt.Iterations == 0 || iters > 0) {
			runTabu(iters)
		}
	} else if !optimal && ctx.Err() == nil {
		runTabu(iters)
	}
	if best == nil {
		return nil, ErrNoAssignment
	}
	out := &GAPOutput{Cost: g.cost(best), Assignment: make([]int, g.n), LowerBound: lb, Optimal: optimal}
	for j, i := range best {
		out.Assignment[j] = int(i)
	}
	if optimal {
		out.LowerBound = out.Cost
		stats.Stop = solver.StopConverged
	} else if err := ctx.Err(); err != nil {
		stats.Stop = solver.ReasonFor(err)
	}
	if out.LowerBound > 0 {
		out.Gap = float64(out.Cost-out.LowerBound) / float64(out.LowerBound)
	}
	rep, err := CheckGAP(in, out)
	if err != nil {
		return nil, fmt.Errorf("checking the assignment: %w", err)
	}
	if err := rep.Err(ErrCheck); err != nil {
		return nil, err
	}
	stats.RuntimeS = solver.Since(start)
	out.Stats = stats
	return out, nil
}

// cost returns the total cost of assignment a.
func (g *gapModel) cost(a []int32) int64 {
	var s int64
	for j, i := range a {
		s += g.c[int(i)*g.n+j]
	}
	return s
}

// CheckGAP recomputes the cost and feasibility of out from in alone: every
// job on one agent, no agent over its capacity, the cost as stated and the
// lower bound at most the cost. A wrong assignment is a report with
// Feasible false; the error is for an invalid input or a nil output.
func CheckGAP(in *GAPInput, out *GAPOutput) (*solver.Report, error) {
	if err := validateGAP(in); err != nil {
		return nil, err
	}
	if out == nil {
		return nil, errors.New("alloc: check gap: output is nil")
	}
	rep := solver.NewReport()
	m, n := len(in.Capacity), len(in.Cost[0])
	if len(out.Assignment) != n {
		rep.Add("assignment", "has %d jobs, want %d", len(out.Assignment), n)
		return &rep, nil
	}
	load := make([]int64, m)
	var cost int64
	for j, i := range out.Assignment {
		if i < 0 || i >= m {
			rep.Add(fmt.Sprintf("assignment[%d]", j), "agent %d, want one in [0, %d)", i, m)
			continue
		}
		load[i] += in.Weight[i][j]
		cost += in.Cost[i][j]
	}
	for i, l := range load {
		if l > in.Capacity[i] {
			rep.Add("assignment", "agent %d loaded %d over its capacity %d", i, l, in.Capacity[i])
		}
	}
	if rep.Feasible && cost != out.Cost {
		rep.Add("cost", "%d, recomputed %d", out.Cost, cost)
	}
	if out.LowerBound > out.Cost {
		rep.Add("lower_bound", "%d above the cost %d", out.LowerBound, out.Cost)
	}
	return &rep, nil
}
