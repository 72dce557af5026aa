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
	Options VRPOptions    `json:"options"`
	Matrix  *MatrixSource `json:"matrix,omitempty"`
}

// VRPOptions tune a routing solve.
type VRPOptions struct {
	// TimeLimitS bounds the search in seconds: at most the server's
	// synchronous limit (30 s by default) on /v1/vrp, its job limit in a
	// job. 0 with Iterations 0: the server's default (2 s); 0 with
	// Iterations set: only Iterations and the server's limit bound it.
	TimeLimitS float64 `json:"time_limit_s,omitempty"`
	// Iterations bounds the offspring generated; 0: unlimited. A run that
	// stops on Iterations repeats exactly given the same seed and threads.
	Iterations int64 `json:"iterations,omitempty"`
	// Seed of the search; 0 means 1.
	Seed uint64 `json:"seed,omitempty"`
	// Threads is the number of search workers; 0 means 1. At most the
	// number of server workers.
	Threads int `json:"threads,omitempty"`
	// Method is "hgs" (default) or "savings".
	Method string `json:"method,omitempty"`
	// Trace keeps the search's progress trace in the output.
	Trace bool `json:"trace,omitempty"`
}

func prepareVRP(s *Server, body []byte, prefix, _ string, limit time.Duration) (*prepared, error) {
	req := new(VRPRequest)
	if err := s.codec.decode(body, req, prefix); err != nil {
		return nil, err
	}
	inField, optField := joinField(prefix, "input"), joinField(prefix, "options")
	in := &req.Input
	vehicles := 0
	for _, v := range in.Vehicles {
		vehicles += max(1, v.Count)
	}
	for _, err := range []error{
		limitCount(inField+".stops", len(in.Stops), s.cfg.MaxStops, "stops"),
		limitCount(inField+".vehicles", vehicles, s.cfg.MaxVehicles, "vehicles"),
		limitCount(inField+".depots", len(in.Depots), s.cfg.MaxVehicles, "depots"),
		limitCount(inField+".profiles", len(in.Profiles), 16, "profiles"),
	} {
		if err != nil {
			return nil, err
		}
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
	o := req.Options
	tl, deadline, err := timeLimit(o.TimeLimitS, limit, optField+".time_limit_s")
	if err != nil {
		return nil, err
	}
	if tl == 0 && o.Iterations == 0 {
		tl = min(s.cfg.DefaultTimeLimit, limit)
		deadline = min(limit, tl+tl/10+100*time.Millisecond)
	}
	opt := vrp.DefaultOptions()
	opt.TimeLimit, opt.Iterations, opt.Method = tl, o.Iterations, o.Method
	if o.Seed != 0 {
		opt.Seed = o.Seed
	}
	if opt.Threads, err = s.threads(o.Threads, optField+".threads"); err != nil {
		return nil, err
	}
	if err := opt.Validate(); err != nil {
		return nil, prefixed(err, optField)
	}
	return &prepared{solver: "vrp", deadline: deadline, run: func(ctx context.Context) (any, *solver.Stats, error) {
		out, err := vrp.Solve(ctx, in, opt)
		if err != nil {
			return nil, nil, prefixed(err, inField)
		}
		if !o.Trace {
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
