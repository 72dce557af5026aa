package bench

import (
	"context"
	"fmt"

	"fulfil/datasets"
	"fulfil/solver/vrp"
)

// VRPOptions turns harness options into routing options.
func VRPOptions(opt Options) vrp.Options {
	o := vrp.DefaultOptions()
	o.TimeLimitS = opt.TimeLimit.Seconds()
	o.Seed = opt.Seed
	o.Threads = opt.Threads
	o.UseFullLimit = true // quality at the budget: no early stop on convergence
	return o
}

// runVRP solves one routing instance and rechecks the plan with vrp.Check:
// the reported cost is the checker's, and feasibility needs both the
// search's and the checker's word.
func runVRP(ctx context.Context, inst Instance, opt Options) (Result, error) {
	in, err := datasets.ReadVRPInputFile(inst.Path)
	if err != nil {
		return Result{}, err
	}
	res := Result{N: len(in.Stops)}
	out, err := vrp.Solve(ctx, in, VRPOptions(opt))
	if err != nil {
		return res, err
	}
	rep, err := vrp.Check(in, out)
	if err != nil {
		return res, err
	}
	res.Cost = rep.Cost
	res.Feasible = out.Feasible && rep.Feasible
	res.Detail = fmt.Sprintf("%d routes, %d iterations", rep.VehiclesUsed, out.Stats.Iterations)
	if len(rep.Violations) > 0 {
		res.Detail += "; " + rep.Violations[0].String()
	}
	return res, nil
}
