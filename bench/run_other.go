package bench

import (
	"context"
	"fmt"

	"fulfil/datasets"
	"fulfil/solver/alloc"
	"fulfil/solver/wave"
)

// runSPRP routes one picker tour with opt.Policy (optimal by default) and
// checks it with wave.CheckTour.
func runSPRP(ctx context.Context, inst Instance, opt Options) (Result, error) {
	policy := wave.Optimal
	if opt.Policy != "" {
		p, err := wave.ParsePolicy(opt.Policy)
		if err != nil {
			return Result{}, err
		}
		policy = p
	}
	p, err := datasets.ReadSPRPFile(inst.Path)
	if err != nil {
		return Result{}, err
	}
	l, picks, err := p.WaveInput(inst.Variant == "two-block")
	if err != nil {
		return Result{}, err
	}
	t, err := wave.Route(ctx, l, picks, policy)
	if err != nil {
		return Result{N: len(picks)}, err
	}
	res := Result{N: len(picks), Cost: t.DistanceM, Feasible: true, Detail: string(policy)}
	if err := wave.CheckTour(l, picks, t); err != nil {
		res.Feasible = false
		res.Detail = err.Error()
	}
	return res, nil
}

// runGAP solves one GAP problem within opt.TimeLimit and reports the cost
// with the proven lower bound; datasets.GAP.Check rechecks the assignment's
// capacities and cost apart from the solver.
func runGAP(ctx context.Context, inst Instance, opt Options) (Result, error) {
	g, err := datasets.ReadGAPFile(inst.Path)
	if err != nil {
		return Result{}, err
	}
	in := g.GAPInput()
	o := alloc.DefaultGAPOptions()
	if opt.TimeLimit > 0 {
		o.TimeLimitS = opt.TimeLimit.Seconds()
	}
	o.Seed, o.Threads = opt.Seed, opt.Threads
	res := Result{N: len(in.Cost[0])}
	out, err := alloc.SolveGAP(ctx, in, o)
	if err != nil {
		return res, err
	}
	res.Cost = float64(out.Cost)
	cost, cerr := g.Check(out.Assignment)
	res.Feasible = cerr == nil && cost == out.Cost
	res.Detail = fmt.Sprintf("bound %d", out.LowerBound)
	if out.Optimal {
		res.Detail += ", proven optimal"
	}
	if cerr != nil {
		res.Detail += "; " + cerr.Error()
	} else if cost != out.Cost {
		res.Detail += fmt.Sprintf("; reported cost %d, recomputed %d", out.Cost, cost)
	}
	return res, nil
}
