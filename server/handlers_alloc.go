package server

import (
	"context"
	"time"

	"fulfil/solver"
	"fulfil/solver/alloc"
)

// AllocationRequest is the body of POST /v1/allocation: stock and demand
// in the alloc.Input wire format, and options.
type AllocationRequest struct {
	Input   alloc.Input  `json:"input"`
	Options AllocOptions `json:"options"`
}

// AllocOptions tune allocation. Absent fields take the defaults of
// alloc.DefaultOptions: nearest 8, unmet_penalty 1000000, safety_penalty
// 100, split_penalty 200, non_home_penalty 0.
type AllocOptions struct {
	Nearest        *int   `json:"nearest,omitempty"` // 0: every warehouse
	NonHomePenalty *int64 `json:"non_home_penalty,omitempty"`
	UnmetPenalty   *int64 `json:"unmet_penalty,omitempty"`
	SafetyPenalty  *int64 `json:"safety_penalty,omitempty"`
	HoldSafety     bool   `json:"hold_safety,omitempty"`
	SplitPenalty   *int64 `json:"split_penalty,omitempty"`
	// TimeLimitS bounds the solve in seconds; 0: the server's limit.
	TimeLimitS float64 `json:"time_limit_s,omitempty"`
	Threads    int     `json:"threads,omitempty"` // 0 means 1
}

// TransferRequest is the body of POST /v1/transfers: positions and lanes
// in the alloc.TransferInput wire format, and options.
type TransferRequest struct {
	Input   alloc.TransferInput `json:"input"`
	Options TransferOptions     `json:"options"`
}

// TransferOptions tune transfer suggestions. Absent penalties take the
// defaults of alloc.DefaultTransferOptions: shortage 1000, spoilage 500.
type TransferOptions struct {
	ShortagePenalty *int64  `json:"shortage_penalty,omitempty"`
	SpoilagePenalty *int64  `json:"spoilage_penalty,omitempty"`
	TimeLimitS      float64 `json:"time_limit_s,omitempty"`
}

func set[T any](dst *T, p *T) {
	if p != nil {
		*dst = *p
	}
}

func prepareAllocation(s *Server, body []byte, prefix, _ string, limit time.Duration) (*prepared, error) {
	req := new(AllocationRequest)
	if err := s.codec.decode(body, req, prefix); err != nil {
		return nil, err
	}
	inField, optField := joinField(prefix, "input"), joinField(prefix, "options")
	in := &req.Input
	for _, err := range []error{
		limitCount(inField+".pickup_points", len(in.PickupPoints), s.cfg.MaxStops, "pickup points"),
		limitCount(inField+".warehouses", len(in.Warehouses), s.cfg.MaxVehicles, "warehouses"),
		limitCount(inField+".skus", len(in.SKUs), s.cfg.MaxOrders, "SKUs"),
		limitCount(inField+".stock", len(in.Stock), s.cfg.MaxOrders, "stock rows"),
		limitCount(inField+".demand", len(in.Demand), s.cfg.MaxOrders, "demand rows"),
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
	opt := alloc.DefaultOptions()
	set(&opt.Nearest, o.Nearest)
	set(&opt.NonHomePenalty, o.NonHomePenalty)
	set(&opt.UnmetPenalty, o.UnmetPenalty)
	set(&opt.SafetyPenalty, o.SafetyPenalty)
	set(&opt.SplitPenalty, o.SplitPenalty)
	opt.HoldSafety, opt.TimeLimit = o.HoldSafety, tl
	if opt.Threads, err = s.threads(o.Threads, optField+".threads"); err != nil {
		return nil, err
	}
	if err := opt.Validate(); err != nil {
		return nil, prefixed(err, optField)
	}
	return &prepared{solver: "alloc", deadline: deadline, run: func(ctx context.Context) (any, *solver.Stats, error) {
		out, err := alloc.Allocate(ctx, in, opt)
		if err != nil {
			return nil, nil, prefixed(err, inField)
		}
		return out, &out.Stats, nil
	}}, nil
}

func prepareTransfers(s *Server, body []byte, prefix, _ string, limit time.Duration) (*prepared, error) {
	req := new(TransferRequest)
	if err := s.codec.decode(body, req, prefix); err != nil {
		return nil, err
	}
	inField, optField := joinField(prefix, "input"), joinField(prefix, "options")
	in := &req.Input
	for _, err := range []error{
		limitCount(inField+".warehouses", len(in.Warehouses), s.cfg.MaxVehicles, "warehouses"),
		limitCount(inField+".skus", len(in.SKUs), s.cfg.MaxOrders, "SKUs"),
		limitCount(inField+".positions", len(in.Positions), s.cfg.MaxOrders, "positions"),
		limitCount(inField+".lanes", len(in.Lanes), s.cfg.MaxOrders, "lanes"),
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
	opt := alloc.DefaultTransferOptions()
	set(&opt.ShortagePenalty, o.ShortagePenalty)
	set(&opt.SpoilagePenalty, o.SpoilagePenalty)
	opt.TimeLimit = tl
	if err := opt.Validate(); err != nil {
		return nil, prefixed(err, optField)
	}
	return &prepared{solver: "transfer", deadline: deadline, run: func(ctx context.Context) (any, *solver.Stats, error) {
		out, err := alloc.SuggestTransfers(ctx, in, opt)
		if err != nil {
			return nil, nil, prefixed(err, inField)
		}
		return out, &out.Stats, nil
	}}, nil
}
