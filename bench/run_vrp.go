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
	if opt.VRP != nil {
		o = *opt.VRP
	}
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

// runLiLim solves one Li & Lim instance under the hierarchical objective
// and rechecks the plan twice: with vrp.Check and with the benchmark's own
// checker (LiLim.Check), whose vehicles and distance are reported.
func runLiLim(ctx context.Context, inst Instance, opt Options) (Result, error) {
	l, err := datasets.ReadLiLimFile(inst.Path)
	if err != nil {
		return Result{}, err
	}
	in, err := l.VRPInput()
	if err != nil {
		return Result{}, err
	}
	res := Result{N: len(in.Stops)}
	o := VRPOptions(opt)
	o.FleetObjective = "vehicles_first"
	out, err := vrp.Solve(ctx, in, o)
	if err != nil {
		return res, err
	}
	rep, err := vrp.Check(in, out)
	if err != nil {
		return res, err
	}
	sol, err := datasets.SINTEFFromOutput(l.Name, out)
	if err != nil {
		return res, err
	}
	res.Feasible = out.Feasible && rep.Feasible
	res.Detail = fmt.Sprintf("%d iterations", out.Stats.Iterations)
	if len(rep.Violations) > 0 {
		res.Detail += "; " + rep.Violations[0].String()
	}
	veh, dist, err := l.Check(sol.Routes)
	if err != nil {
		res.Feasible = false
		res.Detail += "; Li & Lim check: " + err.Error()
		return res, nil
	}
	res.Vehicles, res.Cost = veh, dist
	res.Detail = fmt.Sprintf("vehicles %d (bks %d); %s", veh, inst.BKSVehicles, res.Detail)
	return res, nil
}
