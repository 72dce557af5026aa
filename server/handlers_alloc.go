package server

import (
	"context"
	"time"

	"fulfil/solver"
	"fulfil/solver/alloc"
)

// AllocationRequest is the body of POST /v1/allocation: stock and demand
// in the alloc.Input wire format and alloc.Options, decoded over
// alloc.DefaultOptions (absent options keep their defaults: nearest 8,
// unmet_penalty 1000000, safety_penalty 100, split_penalty 200). On the
// server threads 0 means 1 and time_limit_s 0 the server's limit.
type AllocationRequest struct {
	Input   alloc.Input   `json:"input"`
	Options alloc.Options `json:"options,omitempty"`
}

// TransferRequest is the body of POST /v1/transfers: positions and lanes
// in the alloc.TransferInput wire format and alloc.TransferOptions,
// decoded over alloc.DefaultTransferOptions (shortage 1000, spoilage 500).
type TransferRequest struct {
	Input   alloc.TransferInput   `json:"input"`
	Options alloc.TransferOptions `json:"options,omitempty"`
}

func prepareAllocation(s *Server, body []byte, prefix, _ string, limit time.Duration) (*prepared, error) {
	req := &AllocationRequest{Options: alloc.DefaultOptions()}
	if err := s.codec.decode(body, req, prefix); err != nil {
		return nil, err
	}
	inField, optField := joinField(prefix, "input"), joinField(prefix, "options")
	in, opt := &req.Input, &req.Options
	if err := firstError(
		limitCount(inField+".pickup_points", len(in.PickupPoints), s.cfg.MaxStops, "pickup points"),
		limitCount(inField+".warehouses", len(in.Warehouses), s.cfg.MaxVehicles, "warehouses"),
		limitCount(inField+".skus", len(in.SKUs), s.cfg.MaxOrders, "SKUs"),
		limitCount(inField+".stock", len(in.Stock), s.cfg.MaxOrders, "stock rows"),
		limitCount(inField+".demand", len(in.Demand), s.cfg.MaxOrders, "demand rows"),
	); err != nil {
		return nil, err
	}
	deadline, err := s.tune(opt, &opt.TimeLimitS, &opt.Threads, optField, limit)
	if err != nil {
		return nil, err
	}
	return solveWith("alloc", deadline,
		func(ctx context.Context) (*alloc.Output, error) { return alloc.Allocate(ctx, in, *opt) },
		func(o *alloc.Output) *solver.Stats { return &o.Stats },
		func(err error) error { return prefixed(err, inField) }), nil
}

func prepareTransfers(s *Server, body []byte, prefix, _ string, limit time.Duration) (*prepared, error) {
	req := &TransferRequest{Options: alloc.DefaultTransferOptions()}
	if err := s.codec.decode(body, req, prefix); err != nil {
		return nil, err
	}
	inField, optField := joinField(prefix, "input"), joinField(prefix, "options")
	in, opt := &req.Input, &req.Options
	if err := firstError(
		limitCount(inField+".warehouses", len(in.Warehouses), s.cfg.MaxVehicles, "warehouses"),
		limitCount(inField+".skus", len(in.SKUs), s.cfg.MaxOrders, "SKUs"),
		limitCount(inField+".positions", len(in.Positions), s.cfg.MaxOrders, "positions"),
		limitCount(inField+".lanes", len(in.Lanes), s.cfg.MaxOrders, "lanes"),
	); err != nil {
		return nil, err
	}
	deadline, err := s.tune(opt, &opt.TimeLimitS, nil, optField, limit)
	if err != nil {
		return nil, err
	}
	return solveWith("transfer", deadline,
		func(ctx context.Context) (*alloc.TransferOutput, error) { return alloc.SuggestTransfers(ctx, in, *opt) },
		func(o *alloc.TransferOutput) *solver.Stats { return &o.Stats },
		func(err error) error { return prefixed(err, inField) }), nil
}
