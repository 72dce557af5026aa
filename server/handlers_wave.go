package server

import (
	"context"
	"time"

	"fulfil/solver"
	"fulfil/solver/wave"
)

// WaveRequest is the body of POST /v1/waves: a wave-planning problem in
// the wave.Input wire format and wave.Options, decoded over
// wave.DefaultOptions (absent options keep their defaults). On the server
// threads 0 means 1, so that concurrent requests share the cores, and
// time_limit_s 0 means the server's limit.
type WaveRequest struct {
	Input   wave.Input   `json:"input"`
	Options wave.Options `json:"options,omitempty"`
}

// PickRouteRequest is the body of POST /v1/waves/route: one picker tour
// over picks in a parallel-aisle layout.
type PickRouteRequest struct {
	Layout wave.Layout     `json:"layout"`
	Picks  []wave.Position `json:"picks"`
	// Policy is "optimal" (default), "sshape", "largestgap" or "combined".
	Policy string `json:"policy,omitempty"`
}

func prepareWave(s *Server, body []byte, prefix, _ string, limit time.Duration) (*prepared, error) {
	req := &WaveRequest{Options: wave.DefaultOptions()}
	if err := s.codec.decode(body, req, prefix); err != nil {
		return nil, err
	}
	inField, optField := joinField(prefix, "input"), joinField(prefix, "options")
	in, opt := &req.Input, &req.Options
	if err := firstError(
		limitCount(inField+".orders", len(in.Orders), s.cfg.MaxOrders, "orders"),
		limitCount(inField+".locations", len(in.Locations), s.cfg.MaxOrders, "locations"),
		limitCount(inField+".skus", len(in.SKUs), s.cfg.MaxOrders, "SKUs"),
		limitCount(inField+".trucks", len(in.Trucks), s.cfg.MaxVehicles, "trucks"),
	); err != nil {
		return nil, err
	}
	deadline, err := s.tune(opt, &opt.TimeLimitS, &opt.Threads, optField, limit)
	if err != nil {
		return nil, err
	}
	return solveWith("wave", deadline,
		func(ctx context.Context) (*wave.Output, error) { return wave.Plan(ctx, in, *opt) },
		func(o *wave.Output) *solver.Stats { return &o.Stats },
		// Plan names input fields from the input and options under "options"
		func(err error) error { return prefixed(prefixed(err, "input", "options."), prefix) }), nil
}

func preparePickRoute(s *Server, body []byte, prefix, _ string, limit time.Duration) (*prepared, error) {
	req := new(PickRouteRequest)
	if err := s.codec.decode(body, req, prefix); err != nil {
		return nil, err
	}
	if err := limitCount(joinField(prefix, "picks"), len(req.Picks), s.cfg.MaxOrders, "picks"); err != nil {
		return nil, err
	}
	policy := wave.Optimal
	if req.Policy != "" {
		policy = wave.Policy(req.Policy)
	}
	return &prepared{solver: "picker_route", deadline: limit, run: func(ctx context.Context) (any, *solver.Stats, error) {
		tour, err := wave.Route(ctx, &req.Layout, req.Picks, policy)
		if err != nil {
			return nil, nil, prefixed(err, prefix)
		}
		return &tour, nil, nil
	}}, nil
}
