package server

import (
	"context"
	"fmt"
	"time"

	"fulfil/solver"
	"fulfil/solver/vrp"
)

// VRPRequest is the body of POST /v1/vrp: a routing problem in the
// vrp.Input wire format (the JSON the CLI reads), solver options and,
// optionally, travel matrices from a routing engine.
type VRPRequest struct {
	Input   vrp.Input     `json:"input"`
	Options VRPOptions    `json:"options,omitempty"`
	Matrix  *MatrixSource `json:"matrix,omitempty"`
}

// VRPOptions are vrp.Options, decoded over vrp.DefaultOptions, and the
// server's own trace switch. time_limit_s is at most the server's
// synchronous limit (30 s by default) on /v1/vrp, its job limit in a job;
// 0 with iterations 0 takes the server's default (2 s), 0 with iterations
// set leaves only iterations and the server's limit. threads 0 means 1,
// at most the number of server workers.
type VRPOptions struct {
	vrp.Options
	// Trace keeps the search's progress trace in the output.
	Trace bool `json:"trace,omitempty"`
}

func prepareVRP(s *Server, body []byte, prefix, _ string, limit time.Duration) (*prepared, error) {
	req := &VRPRequest{Options: VRPOptions{Options: vrp.DefaultOptions()}}
	if err := s.codec.decode(body, req, prefix); err != nil {
		return nil, err
	}
	inField, optField := joinField(prefix, "input"), joinField(prefix, "options")
	in := &req.Input
	vehicles := 0
	for _, v := range in.Vehicles {
		vehicles += max(1, v.Count)
	}
	if err := firstError(
		limitCount(inField+".stops", len(in.Stops), s.cfg.MaxStops, "stops"),
		limitCount(inField+".vehicles", vehicles, s.cfg.MaxVehicles, "vehicles"),
		limitCount(inField+".depots", len(in.Depots), s.cfg.MaxVehicles, "depots"),
		limitCount(inField+".profiles", len(in.Profiles), 16, "profiles"),
	); err != nil {
		return nil, err
	}
	side := s.cfg.MaxStops + s.cfg.MaxVehicles
	for i, p := range in.Profiles {
		if err := limitCount(fmt.Sprintf("%s.profiles[%d].distance_m", inField, i), len(p.DistanceM), side, "rows"); err != nil {
			return nil, err
		}
	}
	if req.Matrix != nil {
		if err := s.codec.applyMatrix(in, req.Matrix, joinField(prefix, "matrix"), inField, side); err != nil {
			return nil, err
		}
		req.Matrix = nil // its raw bytes may alias the request buffer
	}
	opt, trace := req.Options.Options, req.Options.Trace
	if opt.TimeLimitS == 0 && opt.Iterations == 0 {
		opt.TimeLimitS = min(s.cfg.DefaultTimeLimit, limit).Seconds()
	}
	deadline, err := s.tune(&opt, &opt.TimeLimitS, &opt.Threads, optField, limit)
	if err != nil {
		return nil, err
	}
	return &prepared{solver: "vrp", deadline: deadline, run: func(ctx context.Context) (any, *solver.Stats, error) {
		out, err := vrp.Solve(ctx, in, opt)
		if err != nil {
			return nil, nil, prefixed(err, inField)
		}
		if !trace {
			out.Trace = nil
		}
		if !out.Feasible {
			return out, &out.Stats, infeasiblePlan(in, out, inField)
		}
		return out, &out.Stats, nil
	}}, nil
}

// infeasiblePlan describes a plan that is not feasible, naming the first
// unserved mandatory stop.
func infeasiblePlan(in *vrp.Input, out *vrp.Output, inField string) *infeasibleError {
	index := make(map[string]int, len(in.Stops))
	for i, st := range in.Stops {
		index[st.ID] = i
	}
	e := &infeasibleError{out: out, msg: "no plan found within the limits that serves every mandatory stop and keeps every limit"}
	missing := 0
	for _, u := range out.Unassigned {
		i, ok := index[u.ID]
		if !ok || in.Stops[i].Penalty > 0 {
			continue
		}
		if missing == 0 {
			e.field = fmt.Sprintf("%s.stops[%d]", inField, i)
			e.msg = fmt.Sprintf("stop %q cannot be served: %s", u.ID, u.Reason)
		}
		missing++
	}
	if missing > 1 {
		e.msg += fmt.Sprintf(" (and %d more mandatory stops unserved)", missing-1)
	}
	return e
}
