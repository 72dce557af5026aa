package server

import (
	"context"
	"time"

	"fulfil/solver"
	"fulfil/solver/wave"
)

// WaveRequest is the body of POST /v1/waves: a wave-planning problem in
// the wave.Input wire format and planning options.
type WaveRequest struct {
	Input   wave.Input  `json:"input"`
	Options WaveOptions `json:"options"`
}

// WaveOptions tune wave planning; empty strings and zeros take the
// planner's defaults.
type WaveOptions struct {
	// TimeLimitS bounds the plan in seconds; 0: the server's limit.
	TimeLimitS float64 `json:"time_limit_s,omitempty"`
	Seed       uint64  `json:"seed,omitempty"`    // 0 means 1
	Threads    int     `json:"threads,omitempty"` // 0 means 1
	// Policy routes pickers: "optimal" (default), "sshape", "largestgap"
	// or "combined".
	Policy string `json:"policy,omitempty"`
	// Mode is "order" (pick by order into bins, default) or "total" (pick
	// totals, then sort to store).
	Mode string `json:"mode,omitempty"`
	// WaveBy is "truck" or "pickup_point"; "" is truck when there are
	// trucks.
	WaveBy string `json:"wave_by,omitempty"`
	// Construction is "seed" (default), "savings" or "fcfs".
	Construction string `json:"construction,omitempty"`
	// Improvement is "ils" (default), "local" or "none".
	Improvement string `json:"improvement,omitempty"`
	// Iterations of iterated local search per wave; 0 means 30.
	Iterations int `json:"iterations,omitempty"`
	// Candidates is the neighbour batches a unit may move to; 0 means 8.
	Candidates int `json:"candidates,omitempty"`
	// BinGrouping is how pick-by-order fills bins: "zones" (default) cuts
	// a pickup point's goods into bins along the pick path, "orders" packs
	// whole orders, "auto" plans each wave both ways and keeps the shorter
	// walk.
	BinGrouping string `json:"bin_grouping,omitempty"`
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
	req := new(WaveRequest)
	if err := s.codec.decode(body, req, prefix); err != nil {
		return nil, err
	}
	inField, optField := joinField(prefix, "input"), joinField(prefix, "options")
	in := &req.Input
	for _, err := range []error{
		limitCount(inField+".orders", len(in.Orders), s.cfg.MaxOrders, "orders"),
		limitCount(inField+".locations", len(in.Locations), s.cfg.MaxOrders, "locations"),
		limitCount(inField+".skus", len(in.SKUs), s.cfg.MaxOrders, "SKUs"),
		limitCount(inField+".trucks", len(in.Trucks), s.cfg.MaxVehicles, "trucks"),
	} {
		if err != nil {
			return nil, err
		}
	}
	o := req.Options
	tl, deadline, err := timeLimit(o.TimeLimitS, limit, optField+".time_limit_s")
	if err != nil {
		return nil, err
	}
	opt := wave.DefaultOptions()
	opt.TimeLimit = tl
	if o.Seed != 0 {
		opt.Seed = o.Seed
	}
	if opt.Threads, err = s.threads(o.Threads, optField+".threads"); err != nil {
		return nil, err
	}
	if o.Policy != "" {
		opt.Policy = wave.Policy(o.Policy)
	}
	if o.Mode != "" {
		opt.Mode = wave.Mode(o.Mode)
	}
	if o.Construction != "" {
		opt.Construction = o.Construction
	}
	if o.Improvement != "" {
		opt.Improvement = o.Improvement
	}
	if o.Iterations != 0 {
		opt.Iterations = o.Iterations
	}
	if o.Candidates != 0 {
		opt.Candidates = o.Candidates
	}
	if o.BinGrouping != "" {
		opt.BinGrouping = o.BinGrouping
	}
	opt.WaveBy = o.WaveBy
	if err := opt.Validate(); err != nil { // its paths start with "options."
		return nil, prefixed(err, prefix)
	}
	return &prepared{solver: "wave", deadline: deadline, run: func(ctx context.Context) (any, *solver.Stats, error) {
		out, err := wave.Plan(ctx, in, opt)
		if err != nil {
			return nil, nil, prefixed(prefixed(err, "input", "options."), prefix)
		}
		return out, &out.Stats, nil
	}}, nil
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
