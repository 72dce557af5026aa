package bench

import (
	"context"
	"fmt"
	"os"

	"fulfil/datasets"
	"fulfil/solver/vrp"
)

// LoadVRP reads a CVRPLIB or Solomon instance file, detected from its
// content, and converts it to a routing input in its set's distance
// convention (datasets.RoundingFor).
func LoadVRP(path string) (*vrp.Input, error) {
	f, err := datasets.DetectFile(path)
	if err != nil {
		return nil, err
	}
	switch f {
	case datasets.FormatVRPLIB:
		v, err := datasets.ReadVRPLIBFile(path)
		if err != nil {
			return nil, err
		}
		return v.VRPInput(datasets.RoundingFor(v.Name))
	case datasets.FormatSolomon:
		s, err := datasets.ReadSolomonFile(path)
		if err != nil {
			return nil, err
		}
		return s.VRPInput()
	}
	return nil, fmt.Errorf("%s: not a routing instance (detected %s)", path, f)
}

// VRPOptions turns harness options into routing options.
func VRPOptions(opt Options) vrp.Options {
	o := vrp.DefaultOptions()
	o.TimeLimit = opt.TimeLimit
	o.Seed = opt.Seed
	o.Threads = opt.Threads
	return o
}

// runVRP solves one routing instance and rechecks the plan with vrp.Check:
// the reported cost is the checker's, and feasibility needs both the
// search's and the checker's word.
func runVRP(ctx context.Context, inst Instance, opt Options) (Result, error) {
	in, err := LoadVRP(inst.Path)
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

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}
