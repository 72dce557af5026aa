package vrp

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"time"

	"fulfil/solver"
)

// ErrInfeasible reports a valid input that no plan can serve: some
// mandatory stop fits no vehicle (too heavy for every capacity, a skill no
// vehicle has, a window no vehicle can reach). The error also holds a
// *solver.InputError naming each such stop's field.
var ErrInfeasible = errors.New("vrp: no feasible plan")

// ErrCheck reports that a plan the search called feasible failed the
// independent Check: a bug in the solver, never the caller's fault.
var ErrCheck = errors.New("vrp: plan failed the independent check")

// Solve validates in, compiles it, searches until opt.TimeLimitS, ctx or
// opt.Iterations ends the run, rechecks the best plan with Check and
// returns it. A run stopped by its deadline returns the best plan found,
// with Stats.Stop saying why. Invalid input or options give a
// *solver.InputError naming each offending field. When not every mandatory
// stop can be served the plan lists the rest in Unassigned with a reason
// each, and Feasible is false.
func Solve(ctx context.Context, in *Input, opt Options) (_ *Output, err error) {
	defer solver.Recover(&err)
	start := time.Now()
	if err := opt.Validate(); err != nil {
		return nil, err
	}
	opt = opt.withDefaults()
	if opt.Threads == 0 {
		opt.Threads = runtime.GOMAXPROCS(0)
	}
	if err := validate(in); err != nil {
		return nil, err
	}
	// The time limit runs from the call: compiling a large input counts.
	var cancel context.CancelFunc
	if opt.TimeLimitS > 0 {
		ctx, cancel = context.WithDeadline(ctx, start.Add(opt.TimeLimit()))
	} else {
		ctx, cancel = context.WithCancel(ctx)
	}
	defer cancel()
	m, err := compile(ctx, in, opt.Threads)
	if err != nil {
		return nil, err
	}
	if len(in.InitialRoutes) > 0 {
		if m.warm, err = m.initialPlan(in, in.InitialRoutes, "initial_routes"); err != nil {
			return nil, err
		}
	}
	if _, ok := ctx.Deadline(); !ok && opt.Iterations == 0 {
		opt.Iterations = 20000
	}

	// The search stops a little before the deadline to leave time for
	// repair, output and Check, and for a last local search to notice the
	// deadline on a busy machine: 5 % of the time left, at most 500 ms.
	sctx := ctx
	if dl, ok := ctx.Deadline(); ok {
		margin := min(time.Until(dl)/20, 500*time.Millisecond)
		var scancel context.CancelFunc
		sctx, scancel = context.WithDeadline(ctx, dl.Add(-margin))
		defer scancel()
	}
	if opt.FleetObjective == "vehicles_first" {
		m.vehiclesFirst()
	}
	var res *result
	if m.pair != nil || m.trips || m.breaks {
		res = m.ruinRecreate(sctx, opt, start)
	} else if opt.Method == "hgs" && !opt.UseFullLimit && m.canExact() {
		p, why := m.exact()
		res = &result{plan: p, why: why, method: "exact", stop: solver.StopConverged}
	} else if opt.Method == "savings" || m.ns == 0 {
		p, why := m.savings(sctx)
		res = &result{plan: p, why: why, method: "savings", stop: solver.StopConverged}
	} else {
		res = m.hgs(sctx, opt, start)
	}
	if err := ctx.Err(); err != nil && res.stop == solver.StopConverged {
		res.stop = solver.ReasonFor(err)
	}

	out := m.output(in, res.plan, res.why)
	out.Trace = res.trace
	out.Search = SearchSummary{Method: res.method, Restarts: res.restarts}
	out.Stats = solver.Stats{Stop: res.stop, Iterations: res.iterations, Seed: opt.Seed, Threads: opt.Threads}
	rep, err := Check(in, out)
	if err != nil {
		return nil, fmt.Errorf("checking the plan: %w", err)
	}
	out.Stats.RuntimeS = solver.Since(start)
	if out.Feasible && !rep.Feasible {
		return out, fmt.Errorf("%w: %s", ErrCheck, rep.Violations[0])
	}
	return out, nil
}

// result is what a search hands back to Solve.
type result struct {
	plan       *plan
	why        map[int32]string
	method     string
	stop       solver.StopReason
	iterations int64
	restarts   int
	trace      []TracePoint
}
